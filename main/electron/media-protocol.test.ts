import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Protocol } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { MediaHash } from '../../app/model/ids.ts';
import { fake } from '../../tests/helpers/fake-electron.ts';
import { startTestServices, type TestServices } from '../../tests/helpers/services.ts';
import { mediaResponse, registerMediaProtocol, type ResolveMedia } from './media-protocol.ts';
import { APP_ORIGIN } from './schemes.ts';

const hoisted = await vi.hoisted(() => import('../../tests/helpers/fake-electron.ts'));
vi.mock('electron', () => hoisted.fake.module);

let env: TestServices;
let hash: string;
let resolveMedia: ResolveMedia;
const asked: string[] = [];

beforeEach(async () => {
  fake.reset();
  asked.length = 0;
  env = await startTestServices();
  const { projectId } = await env.services.library.create({ name: 'Media' });
  const file = join(env.dataDir, 'tone.raw');
  await writeFile(file, Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256)));
  const media = await env.services.library
    .session(projectId)
    .addMediaFile(file, { name: 'tone.wav', mime: 'audio/wav' }, { now: 1 });
  hash = media.hash;
  resolveMedia = (h: MediaHash) => {
    asked.push(h);
    return env.services.library.resolveMedia(h);
  };
});

afterEach(async () => {
  await env.cleanup();
});

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  mediaResponse({ url, method, headers: new Headers(headers) }, resolveMedia, APP_ORIGIN);

describe('studio-media protocol', () => {
  it('serves known media whole, with its type, validator and CORS for our origin', async () => {
    const whole = await get(`studio-media://media/${hash}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-length')).toBe('1000');
    expect(whole.headers.get('etag')).toBe(`"${hash}"`);
    expect(whole.headers.get('access-control-allow-origin')).toBe('studio-app://app');
    const bytes = new Uint8Array(await whole.arrayBuffer());
    expect(bytes.length).toBe(1000);
    expect(bytes[999]).toBe(999 % 256);
  });

  it('serves byte ranges with 206 and refuses unsatisfiable ones with 416', async () => {
    const url = `studio-media://media/${hash}`;
    const part = await get(url, { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(part.headers.get('content-length')).toBe('10');
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([
      10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    ]);
    const open = await get(url, { range: 'bytes=990-' });
    expect(open.headers.get('content-range')).toBe('bytes 990-999/1000');
    expect((await open.arrayBuffer()).byteLength).toBe(10);
    const suffix = await get(url, { range: 'bytes=-5' });
    expect(suffix.headers.get('content-range')).toBe('bytes 995-999/1000');
    expect([...new Uint8Array(await suffix.arrayBuffer())]).toEqual([227, 228, 229, 230, 231]);
    const past = await get(url, { range: 'bytes=2000-' });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */1000');
    expect((await get(url, { range: 'lines=1-2' })).status).toBe(416);
    expect((await get(url, { 'if-none-match': `"${hash}"` })).status).toBe(304);
    const head = await get(url, {}, 'HEAD');
    expect(head.headers.get('content-length')).toBe('1000');
    expect(await head.text()).toBe('');
    expect((await get(url, {}, 'POST')).status).toBe(405);
  });

  it('404s unknown hashes after asking the library, and malformed URLs without asking', async () => {
    expect((await get(`studio-media://media/${'0'.repeat(64)}`)).status).toBe(404);
    expect(asked).toEqual(['0'.repeat(64)]);
    asked.length = 0;
    for (const url of [
      `studio-media://media/${hash.toUpperCase()}`,
      `studio-media://media/${hash.slice(1)}`,
      `studio-media://media/${hash}0`,
      `studio-media://media/${hash}/`,
      `studio-media://media/${hash}?x=1`,
      `studio-media://other/${hash}`,
      `studio-media://${hash}`,
      `studio-media://media/../${hash}`,
      `studio-media://media/..%2f..%2f${hash}`,
      `studio-media://media/%2e%2e/${hash}`,
      `studio-media://media/..\\..\\${hash}`,
      `studio-media://media/%2e%2e%2fx`,
      'studio-media://media/../x',
      'studio-media://media/..\\x',
      `studio-app://media/${hash}`,
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect((await response.arrayBuffer()).byteLength, url).toBe(0);
    }
    expect(asked).toEqual([]);
  });

  it('stops serving media whose project was deleted', async () => {
    const { projectId } = env.services.library.list()[0]!;
    await env.services.library.delete(projectId);
    expect((await get(`studio-media://media/${hash}`)).status).toBe(404);
  });

  it('registers on the protocol object and unregisters', async () => {
    const unregister = registerMediaProtocol(
      fake.module.protocol as unknown as Protocol,
      resolveMedia,
      APP_ORIGIN,
    );
    const handler = fake.state.protocolHandlers.get('studio-media')!;
    const response = await handler(
      new Request(`studio-media://media/${hash}`, { headers: { range: 'bytes=0-1' } }),
    );
    expect(response.status).toBe(206);
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0, 1]);
    unregister();
    expect(fake.state.protocolHandlers.has('studio-media')).toBe(false);
  });
});
