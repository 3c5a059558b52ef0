/** Waveform peaks by hash on both hosts: GET /media/:hash/peaks and studio-media://…/peaks. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { noopLogger } from '../../app/log.ts';
import type { MediaHash } from '../../app/model/ids.ts';
import type { PeaksJson } from '../../main/core/audio/peaks.ts';
import { importAudioFile } from '../../main/core/media/import-audio.ts';
import { mediaResponse } from '../../main/electron/media-protocol.ts';
import { APP_ORIGIN } from '../../main/electron/schemes.ts';
import { startStudioServer, type StudioServer } from '../../main/server/http-server.ts';
import { sine, wavBytes } from '../helpers/audio-fixtures.ts';
import { startTestServices, type TestServices } from '../helpers/services.ts';

const hoisted = await vi.hoisted(() => import('../helpers/fake-electron.ts'));
vi.mock('electron', () => hoisted.fake.module);

describe('peaks routes', () => {
  let env: TestServices;
  let server: StudioServer;
  let base: string;
  let hash: MediaHash;

  beforeEach(async () => {
    env = await startTestServices();
    server = await startStudioServer({
      services: env.services,
      log: noopLogger,
      host: '127.0.0.1',
      port: 0,
      token: null,
      rendererDir: '/nonexistent',
      maxUploadBytes: 1024,
    });
    base = `http://127.0.0.1:${server.port}`;
    const { projectId } = await env.services.library.create({ name: 'Peaks' });
    const path = join(env.dataDir, 'tone.wav');
    await writeFile(
      path,
      wavBytes({ kind: 'int', bits: 16, rate: 48_000, channels: [sine(48_000, 5, 48_000, 0.9)] }),
    );
    const result = await importAudioFile(
      env.services.library.session(projectId).audio,
      { path, name: 'tone.wav' },
      { signal: new AbortController().signal, log: noopLogger, progress: () => undefined },
    );
    hash = result.media.hash;
  });
  afterEach(async () => {
    await server.close();
    await env.cleanup();
  });

  it('serves wavesurfer-ready JSON over HTTP, per level, cacheable by hash', async () => {
    const response = await fetch(`${base}/media/${hash}/peaks`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const json = (await response.json()) as PeaksJson;
    expect(json).toMatchObject({ frames: 48_000, duration: 1, samplesPerPeak: 256, channels: 2 });
    expect(json.peaks).toHaveLength(2);
    expect(json.peaks[0]).toHaveLength(2 * Math.ceil(48_000 / 256));
    // A 5 Hz sine at 0.9: the envelope reaches ±0.9 (16-bit quantised) and nothing beyond.
    expect(Math.max(...json.peaks[0])).toBeCloseTo(0.9, 3);
    expect(Math.min(...json.peaks[1])).toBeCloseTo(-0.9, 3);
    const coarse = (await (
      await fetch(`${base}/media/${hash}/peaks?samplesPerPeak=16384`)
    ).json()) as PeaksJson;
    expect(coarse.peaks[0]).toHaveLength(2 * 3);
    const etag = response.headers.get('etag') ?? '';
    expect(
      (await fetch(`${base}/media/${hash}/peaks`, { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    expect((await fetch(`${base}/media/${hash}/peaks?samplesPerPeak=300`)).status).toBe(404);
    expect((await fetch(`${base}/media/${'0'.repeat(64)}/peaks`)).status).toBe(404);
    // The studio file itself is a WAV the browser can play.
    const wav = await fetch(`${base}/media/${hash}`);
    expect(wav.headers.get('content-type')).toBe('audio/wav');
    expect(
      Buffer.from(await wav.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('RIFF');
  });

  it('serves the same JSON over the studio-media protocol, and 404s malformed URLs', async () => {
    const ask = (url: string) =>
      mediaResponse(
        { url, method: 'GET', headers: new Headers() },
        (h) => env.services.library.resolveMedia(h),
        APP_ORIGIN,
        (h, level) => env.services.library.resolvePeaks(h, level),
      );
    const response = await ask(`studio-media://media/${hash}/peaks`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const viaHttp = (await (await fetch(`${base}/media/${hash}/peaks`)).json()) as PeaksJson;
    expect(await response.json()).toEqual(viaHttp);
    expect((await ask(`studio-media://media/${hash}/peaks?samplesPerPeak=1024`)).status).toBe(200);
    expect((await ask(`studio-media://media/${hash}/peaks?samplesPerPeak=7`)).status).toBe(404);
    expect((await ask(`studio-media://media/${hash}/peaks?x=1`)).status).toBe(404);
    expect((await ask(`studio-media://media/${'1'.repeat(64)}/peaks`)).status).toBe(404);
  });
});
