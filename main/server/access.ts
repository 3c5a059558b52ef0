/**
 * Who may talk to the server. On loopback: only requests addressed to our own host name
 * (DNS-rebinding guard) and, for writes, from our own origin (CSRF guard). Beyond loopback: an
 * access token on every request as well.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'layerline_token';

export interface AccessPolicy {
  /** Null on loopback without a token. */
  token: string | null;
  /** Host header values accepted; null accepts any (token-protected servers). */
  allowedHosts: Set<string> | null;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  return typeof given === 'string' && timingSafeEqual(digest(expected), digest(given));
}

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

export function loopbackHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

function cookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) {
      return decodeURIComponent(value.join('='));
    }
  }
  return null;
}

/** The token a request presents: bearer header, cookie, or (GET only) an access_token query. */
export function presentedToken(req: IncomingMessage, url: URL): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ') === true) {
    return header.slice('Bearer '.length);
  }
  const cookie = cookieToken(req);
  if (cookie !== null) {
    return cookie;
  }
  return req.method === 'GET' ? url.searchParams.get('access_token') : null;
}

export type AccessVerdict = { ok: true } | { ok: false; status: 401 | 403 | 421; message: string };

export function checkAccess(policy: AccessPolicy, req: IncomingMessage, url: URL): AccessVerdict {
  const host = req.headers.host ?? '';
  if (policy.allowedHosts !== null && !policy.allowedHosts.has(host)) {
    return {
      ok: false,
      status: 421,
      message: `Requests must be addressed to this studio, not "${host.slice(0, 80)}".`,
    };
  }
  const origin = req.headers.origin;
  if (
    req.method !== 'GET' &&
    req.method !== 'HEAD' &&
    origin !== undefined &&
    origin !== `http://${host}` &&
    origin !== `https://${host}`
  ) {
    return { ok: false, status: 403, message: 'Cross-origin requests are refused.' };
  }
  if (policy.token !== null && !tokenMatches(policy.token, presentedToken(req, url))) {
    return { ok: false, status: 401, message: 'This studio needs its access token.' };
  }
  return { ok: true };
}
