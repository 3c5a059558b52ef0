/** Serves the built renderer (out/renderer) with security headers; never outside its folder. */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

import { CONTENT_SECURITY_POLICY } from '../core/security/csp.ts';
import { BASE_HEADERS } from './http-util.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Layerline</title>
<p>The studio's interface has not been built yet. Run <code>npm run build</code> and reload.</p>`;

export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  pathname: string,
): Promise<void> {
  const headers = {
    ...BASE_HEADERS,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  } catch {
    res.writeHead(400, headers).end();
    return;
  }
  let file = join(root, relative === '' ? 'index.html' : relative);
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(404, headers).end();
    return;
  }
  let info = await stat(file).catch(() => null);
  if (info === null || !info.isFile()) {
    // Unknown paths get the app shell (client-side routes), assets a plain 404.
    if (extname(file) !== '' && relative !== '') {
      res.writeHead(404, headers).end();
      return;
    }
    file = join(root, 'index.html');
    info = await stat(file).catch(() => null);
    if (info === null) {
      res.writeHead(503, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(NOT_BUILT);
      return;
    }
  }
  const body = await readFile(file);
  const hashed = /[-.][A-Za-z0-9_-]{8,}\.(js|css|woff2|svg|png)$/.test(file);
  res.writeHead(200, {
    ...headers,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
