import { describe, expect, it } from 'vitest';

import { APP_ORIGIN, APP_START_URL, originOf, startTarget } from './schemes.ts';

describe('origins', () => {
  it('gives studio-app and http(s) URLs their origin, and everything else none', () => {
    expect(originOf('studio-app://app/index.html#/x')).toBe(APP_ORIGIN);
    expect(originOf('studio-app://app')).toBe(APP_ORIGIN);
    expect(originOf('studio-app://app.evil/index.html')).toBe('studio-app://app.evil');
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
    expect(originOf('https://example.com:8443/a')).toBe('https://example.com:8443');
    expect(originOf('studio-media://media/abc')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('')).toBeNull();
  });

  it('starts on studio-app unless an unpackaged build is pointed at a local dev server', () => {
    expect(startTarget(undefined, false)).toEqual({ url: APP_START_URL, origin: APP_ORIGIN });
    expect(startTarget('', false)).toEqual({ url: APP_START_URL, origin: APP_ORIGIN });
    expect(startTarget('http://127.0.0.1:5173', false)).toEqual({
      url: 'http://127.0.0.1:5173/',
      origin: 'http://127.0.0.1:5173',
    });
    expect(startTarget('http://localhost:5173', true)).toEqual({
      url: APP_START_URL,
      origin: APP_ORIGIN,
    });
    expect(() => startTarget('http://192.168.1.10:5173', false)).toThrow(/on this machine/);
    expect(() => startTarget('file:///home/user/index.html', false)).toThrow(/on this machine/);
    expect(() => startTarget('localhost:5173', false)).toThrow();
  });
});
