/**
 * Browser uploads: the body streams straight to a temp file under uploads/, bounded by a size
 * limit, and becomes a file token. Nothing is kept when the upload fails or exceeds the limit.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { StudioError } from '../../app/errors.ts';
import type { FileToken } from '../../app/model/ids.ts';
import type { FileTokenRegistry } from '../core/services/file-tokens.ts';

export interface UploadResult {
  file: FileToken;
  name: string;
  bytes: number;
}

const tooLarge = (limit: number): StudioError =>
  new StudioError(
    'TOO_LARGE',
    `Files larger than ${Math.floor(limit / (1024 * 1024))} MB cannot be uploaded.`,
    { limit },
  );

/** A file name from the client, reduced to something harmless for display. */
export function uploadName(raw: string | null): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);
  return cleaned === '' ? 'upload' : cleaned;
}

export async function receiveUpload(
  req: IncomingMessage,
  options: { uploadsDir: string; limit: number; name: string; files: FileTokenRegistry },
): Promise<UploadResult> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > options.limit) {
    req.resume();
    throw tooLarge(options.limit);
  }
  const path = join(options.uploadsDir, `up-${randomBytes(12).toString('hex')}`);
  let bytes = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(bytes > options.limit ? tooLarge(options.limit) : null, chunk);
    },
  });
  try {
    await pipeline(req, limiter, createWriteStream(path, { flags: 'wx' }));
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof StudioError) {
      throw error;
    }
    throw new StudioError('STORAGE_FAILED', 'The upload did not complete.', undefined, {
      cause: error,
    });
  }
  const file = options.files.issue({ path, name: options.name, bytes, owned: true });
  return { file, name: options.name, bytes };
}
