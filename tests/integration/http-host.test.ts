/** The server host's own behaviour: access policy, media with ranges, uploads, static files. */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { noopLogger } from '../../app/log.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/core/security/csp.ts';
import { startStudioServer, type StudioServer } from '../../main/server/http-server.ts';
import { startTestServices, type TestServices } from '../helpers/services.ts';

const TOKEN = 'correct-horse-battery-staple';

describe('the server host', () => {
  let env: TestServices;
  let server: StudioServer;
  let base: string;
  let rendererDir: string;

  async function start(
    options: { host?: string; token?: string | null; maxUploadBytes?: number } = {},
  ) {
    server = await startStudioServer({
      services: env.services,
      log: noopLogger,
      host: options.host ?? '127.0.0.1',
      port: 0,
      token: options.token ?? null,
      rendererDir,
      maxUploadBytes: options.maxUploadBytes ?? 1024 * 1024,
    });
    base = `http://127.0.0.1:${server.port}`;
  }

  beforeEach(async () => {
    env = await startTestServices();
    rendererDir = join(env.dataDir, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Layerline</title>');
    await writeFile(join(rendererDir, 'assets', 'app-abcdef12.js'), 'console.log(1)');
    await writeFile(join(env.dataDir, 'secret.txt'), 'secret');
  });
  afterEach(async () => {
    await server.close();
    await env.cleanup();
  });

  it('refuses to bind beyond loopback without a long enough token', async () => {
    await expect(
      startStudioServer({
        services: env.services,
        log: noopLogger,
        host: '0.0.0.0',
        port: 0,
        token: null,
        rendererDir,
        maxUploadBytes: 1,
      }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      startStudioServer({
        services: env.services,
        log: noopLogger,
        host: '0.0.0.0',
        port: 0,
        token: 'short',
        rendererDir,
        maxUploadBytes: 1,
      }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await start();
  });

  it('with a token, requires it on every request (header, cookie or event-stream query)', async () => {
    await start({ host: '0.0.0.0', token: TOKEN });
    const call = (headers: Record<string, string>) =>
      fetch(`${base}/rpc/project.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
    expect((await call({})).status).toBe(401);
    expect((await call({ authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
    expect((await call({ authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/media/${'a'.repeat(64)}`)).status).toBe(401);
    const exchange = await fetch(`${base}/?token=${TOKEN}`, { redirect: 'manual' });
    expect(exchange.status).toBe(303);
    const cookie = exchange.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await call({ cookie: cookie.split(';')[0] ?? '' })).status).toBe(200);
    const events = await fetch(`${base}/events?access_token=${TOKEN}`);
    expect(events.status).toBe(200);
    await events.body?.cancel();
  });

  it('on loopback, refuses foreign Host headers and cross-origin writes', async () => {
    await start();
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/rpc/project.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
    // fetch cannot forge a Host header (a DNS-rebinding page can): use node:http for that.
    const forged = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/rpc/project.list',
          method: 'POST',
          headers: { host: 'attacker.example', 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(forged).toBe(421);
    expect((await post({ origin: 'http://attacker.example' })).status).toBe(403);
    expect((await post({ origin: base })).status).toBe(200);
  });

  it('serves known media by hash with range requests, and nothing else', async () => {
    await start();
    const { projectId } = await env.services.library.create({ name: 'Media' });
    const file = join(env.dataDir, 'tone.raw');
    await writeFile(file, Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256)));
    const media = await env.services.library
      .session(projectId)
      .addMediaFile(file, { name: 'tone.wav', mime: 'audio/wav' }, { now: 1 });
    const url = `${base}/media/${media.hash}`;
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect((await whole.arrayBuffer()).byteLength).toBe(1000);
    const part = await fetch(url, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([
      10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    ]);
    const suffix = await fetch(url, { headers: { range: 'bytes=-5' } });
    expect(suffix.headers.get('content-range')).toBe('bytes 995-999/1000');
    expect((await fetch(url, { headers: { range: 'bytes=2000-' } })).status).toBe(416);
    expect((await fetch(url, { headers: { 'if-none-match': `"${media.hash}"` } })).status).toBe(
      304,
    );
    expect((await fetch(`${base}/media/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await fetch(`${base}/media/${media.hash.toUpperCase()}`)).status).toBe(404);
    const hash = media.hash;
    await env.services.library.delete(projectId);
    expect((await fetch(`${base}/media/${hash}`)).status).toBe(404);
  });

  it('streams uploads to a token and refuses files over the limit without keeping them', async () => {
    await start({ maxUploadBytes: 64 * 1024 });
    const ok = await fetch(`${base}/upload?name=${encodeURIComponent('../../My Song.layerline')}`, {
      method: 'POST',
      body: new Uint8Array(1000),
    });
    const answer = (await ok.json()) as {
      ok: true;
      value: { file: string; name: string; bytes: number };
    };
    expect(answer.value).toMatchObject({ name: 'My Song.layerline', bytes: 1000 });
    expect(answer.value.file).toMatch(/^ft_/);
    const tooBig = await fetch(`${base}/upload?name=big.wav`, {
      method: 'POST',
      body: new Uint8Array(200 * 1024),
    });
    expect(tooBig.status).toBe(413);
    expect(
      ((await tooBig.json()) as { error: { code: string; message: string } }).error,
    ).toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(/larger than 0 MB|cannot be uploaded/) as unknown,
    });
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i += 1) {
          controller.enqueue(new Uint8Array(8 * 1024));
        }
        controller.close();
      },
    });
    const chunked = await fetch(`${base}/upload?name=chunked.wav`, {
      method: 'POST',
      body: streamed,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await readdir(env.services.paths.uploadsDir)).toHaveLength(1);
  });

  it('serves the renderer with its CSP, never files outside it', async () => {
    await start();
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    const asset = await fetch(`${base}/assets/app-abcdef12.js`);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${base}/project/123`)).status).toBe(200);
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
    ]) {
      const response = await fetch(`${base}${path}`);
      expect(await response.text()).not.toBe('secret');
    }
  });
});
