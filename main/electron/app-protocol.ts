/**
 * studio-app://app/…: the built renderer (out/renderer) with the CSP header. Serves files inside
 * that folder only; unknown extension-less paths get the app shell, everything else a 404.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, resolve, sep } from 'node:path';

import type { Protocol } from 'electron';

import { CONTENT_SECURITY_POLICY } from '../core/security/csp.ts';
import type { ProtocolRequest } from './media-protocol.ts';
import { APP_HOST, APP_SCHEME } from './schemes.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

const BASE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
};

const status = (code: number): Response =>
  new Response(null, { status: code, headers: BASE_HEADERS });

/**
 * The path inside the renderer folder a URL names, or null when it names nothing we serve:
 * another host, encoded or literal traversal, backslashes, NUL, or an absolute path.
 */
export function rendererPathOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return null;
  }
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname).replace(/^\//, '');
  } catch {
    return null;
  }
  const segments = path.split('/');
  const unsafe =
    /[\\\0]/.test(path) ||
    path.startsWith('/') ||
    isAbsolute(path) ||
    /^[A-Za-z]:/.test(path) ||
    segments.some((s) => s === '..' || s === '.');
  return unsafe ? null : path === '' ? 'index.html' : path;
}

async function fileInside(root: string, relative: string): Promise<string | null> {
  const candidate = resolve(root, relative);
  try {
    const [real, realRoot] = await Promise.all([realpath(candidate), realpath(root)]);
    return real.startsWith(realRoot + sep) && (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** Answers one request for the renderer's files from `rendererDir`. */
export async function appResponse(
  request: ProtocolRequest,
  rendererDir: string,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return status(405);
  }
  const relative = rendererPathOf(request.url);
  if (relative === null) {
    return status(404);
  }
  let file = await fileInside(rendererDir, relative);
  if (file === null && extname(relative) === '') {
    file = await fileInside(rendererDir, 'index.html');
  }
  if (file === null) {
    return status(404);
  }
  const body = await readFile(file);
  const hashed = /[-.][A-Za-z0-9_-]{8,}\.(js|css|woff2|svg|png)$/.test(file);
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: {
      ...BASE_HEADERS,
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': String(body.length),
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  });
}

export function registerAppProtocol(protocol: Protocol, rendererDir: string): () => void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request, rendererDir));
  return () => {
    protocol.unhandle(APP_SCHEME);
  };
}
