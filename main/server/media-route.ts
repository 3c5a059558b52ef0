/** Serving stored files by hash or id with HTTP range requests (single ranges). */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

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

/** Parses "bytes=a-b", "bytes=a-" or "bytes=-n" against a length; null = unsatisfiable. */
export function parseRange(header: string, length: number): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null || (match[1] === '' && match[2] === '')) {
    return null;
  }
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) {
      return null;
    }
    start = Math.max(0, length - suffix);
    end = length - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? length - 1 : Math.min(Number(match[2]), length - 1);
  }
  return start <= end && start < length ? { start, end } : null;
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
