/** Serving stored files by hash or id with HTTP range requests (single ranges). */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

import { parseRange } from '../core/media/byte-range.ts';
import { BASE_HEADERS } from './http-util.ts';

export interface ServedFile {
  path: string;
  bytes: number;
  mime: string;
  /** Strong validator; for content-addressed media the hash itself. */
  etag: string;
  immutable: boolean;
  downloadName?: string;
}

const contentDisposition = (name: string): string =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: ServedFile,
): Promise<void> {
  const headers: Record<string, string | number> = {
    ...BASE_HEADERS,
    'accept-ranges': 'bytes',
    'content-type': file.mime,
    etag: `"${file.etag}"`,
    'cache-control': file.immutable ? 'private, max-age=31536000, immutable' : 'no-store',
  };
  if (file.downloadName !== undefined) {
    headers['content-disposition'] = contentDisposition(file.downloadName);
  }
  if (req.headers['if-none-match'] === `"${file.etag}"`) {
    res.writeHead(304, headers).end();
    return;
  }
  const rangeHeader = req.headers.range;
  let start = 0;
  let end = file.bytes - 1;
  let status = 200;
  if (rangeHeader !== undefined && file.bytes > 0) {
    const range = parseRange(rangeHeader, file.bytes);
    if (range === null) {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${file.bytes}` }).end();
      return;
    }
    ({ start, end } = range);
    status = 206;
    headers['content-range'] = `bytes ${start}-${end}/${file.bytes}`;
  }
  headers['content-length'] = file.bytes === 0 ? 0 : end - start + 1;
  res.writeHead(status, headers);
  if (req.method === 'HEAD' || file.bytes === 0) {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(file.path, { start, end }), res);
  } catch {
    res.destroy();
  }
}
