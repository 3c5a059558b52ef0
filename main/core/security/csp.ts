/**
 * The one Content-Security-Policy of the studio, sent by both hosts (the server's static route
 * and Electron's studio-app protocol). It is renderer/index.html's meta policy plus
 * frame-ancestors, which a meta tag cannot carry; tests/unit/csp.test.ts keeps them in step.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: studio-media:",
  "connect-src 'self' studio-media:",
  "font-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
