import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { isStudioError } from '../../../app/errors.ts';
import {
  aiffBytes,
  type PcmSpec,
  sine,
  wavBytes,
  writeBytes,
} from '../../../tests/helpers/audio-fixtures.ts';
import { type AudioProject, startAudioProject } from '../../../tests/helpers/audio-project.ts';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp-dir.ts';
import { PEAKS_FOLDER } from './audio-store.ts';

let project: AudioProject;
let dir: string;

beforeEach(async () => {
  project = await startAudioProject();
  dir = await makeTempDir();
});
afterEach(async () => {
  await project.cleanup();
  await removeDir(dir);
});

/** What a sample of `spec` decodes to: the quantised value over 2^(bits-1). */
function quantised(spec: PcmSpec, x: number): number {
  if (spec.kind === 'float') {
    return spec.bits === 32 ? Math.fround(x) : Math.fround(x);
  }
  const scale = 2 ** (spec.bits - 1);
  return Math.fround(Math.max(-scale, Math.min(scale - 1, Math.round(x * scale))) / scale);
}

const maxError = (a: Float32Array, b: ArrayLike<number>, from = 0, to = a.length) => {
  let worst = 0;
  for (let i = from; i < to; i += 1) {
    worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  }
  return worst;
};

describe('importing uncompressed files at 48 kHz (bit-exact)', () => {
  const frames = 5000;
  const left = sine(frames, 440, 48_000, 0.8);
  const right = sine(frames, 660, 48_000, -0.6);
  const cases: [string, PcmSpec, 'wav' | 'aiff' | 'sowt' | 'fl32'][] = [
    ['WAV 8-bit', { kind: 'int', bits: 8, rate: 48_000, channels: [left, right] }, 'wav'],
    ['WAV 16-bit', { kind: 'int', bits: 16, rate: 48_000, channels: [left, right] }, 'wav'],
    ['WAV 24-bit', { kind: 'int', bits: 24, rate: 48_000, channels: [left, right] }, 'wav'],
    ['WAV 32-bit int', { kind: 'int', bits: 32, rate: 48_000, channels: [left, right] }, 'wav'],
    ['WAV float32', { kind: 'float', bits: 32, rate: 48_000, channels: [left, right] }, 'wav'],
    ['WAV float64', { kind: 'float', bits: 64, rate: 48_000, channels: [left, right] }, 'wav'],
    [
      'WAV extensible 24-bit',
      {
        kind: 'int',
        bits: 24,
        rate: 48_000,
        channels: [left, right],
        extensible: true,
        channelMask: 3,
      },
      'wav',
    ],
    [
      'RF64 16-bit',
      { kind: 'int', bits: 16, rate: 48_000, channels: [left, right], rf64: true },
      'wav',
    ],
    ['AIFF 16-bit', { kind: 'int', bits: 16, rate: 48_000, channels: [left, right] }, 'aiff'],
    [
      'AIFF-C sowt 24-bit',
      { kind: 'int', bits: 24, rate: 48_000, channels: [left, right] },
      'sowt',
    ],
    ['AIFF-C fl32', { kind: 'float', bits: 32, rate: 48_000, channels: [left, right] }, 'fl32'],
  ];

  it.each(cases)('%s decodes to exactly the quantised samples', async (_name, spec, container) => {
    const bytes =
      container === 'wav'
        ? wavBytes(spec)
        : aiffBytes(spec, container === 'aiff' ? undefined : container);
    const path = await writeBytes(join(dir, 'in.bin'), bytes);
    const result = await project.importFile(path, { name: 'in.bin' });
    expect(result.media.frames).toBe(frames);
    expect(result.media.sources[0]).toMatchObject({ sampleRate: 48_000, channels: 2 });
    const [l, r] = await project.session().audio.read(result.media.hash);
    const expectL = Float32Array.from(left, (x) => quantised(spec, x));
    const expectR = Float32Array.from(right, (x) => quantised(spec, x));
    expect(maxError(l, expectL)).toBe(0);
    expect(maxError(r, expectR)).toBe(0);
  });
});

describe('channel conversion', () => {
  it('duplicates mono to both sides', async () => {
    const mono = sine(3000, 100, 48_000);
    const path = await writeBytes(
      join(dir, 'mono.wav'),
      wavBytes({ kind: 'float', bits: 32, rate: 48_000, channels: [mono] }),
    );
    const { media } = await project.importFile(path);
    const [l, r] = await project.session().audio.read(media.hash);
    expect(maxError(l, Float32Array.from(mono))).toBe(0);
    expect(maxError(r, l)).toBe(0);
    expect(media.sources[0]?.channels).toBe(1);
  });

  it('downmixes 5.1 with the ITU-R BS.775 coefficients (LFE dropped)', async () => {
    // FL FR FC LFE BL BR as constants, so each output is a known sum.
    const values = [0.1, 0.2, 0.3, 0.9, 0.05, 0.07];
    const path = await writeBytes(
      join(dir, '51.wav'),
      wavBytes({
        kind: 'float',
        bits: 32,
        rate: 48_000,
        channels: values.map((v) => new Float64Array(100).fill(v)),
      }),
    );
    const { media } = await project.importFile(path);
    const [l, r] = await project.session().audio.read(media.hash);
    const k = Math.SQRT1_2;
    const f = Math.fround;
    expect(l[50]).toBeCloseTo(f(0.1) + k * f(0.3) + k * f(0.05), 6);
    expect(r[50]).toBeCloseTo(f(0.2) + k * f(0.3) + k * f(0.07), 6);
  });
});

describe('resampling on import', () => {
  it('converts 44.1 kHz to 48 kHz with the right length and a clean sine', async () => {
    const rate = 44_100;
    const frames = rate * 2;
    const path = await writeBytes(
      join(dir, 'cd.wav'),
      wavBytes({
        kind: 'float',
        bits: 32,
        rate,
        channels: [sine(frames, 1000, rate), sine(frames, 3000, rate)],
      }),
    );
    const { media } = await project.importFile(path);
    expect(media.frames).toBe(96_000);
    const [l, r] = await project.session().audio.read(media.hash);
    const ideal = (f: number) =>
      Array.from({ length: 96_000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * f * i) / 48_000));
    // Away from the edges (the source starts and stops abruptly) the error is at float level.
    expect(maxError(l, ideal(1000), 2000, 94_000)).toBeLessThan(1e-5);
    expect(maxError(r, ideal(3000), 2000, 94_000)).toBeLessThan(1e-5);
  });
});

describe('the store', () => {
  it('keeps the original bytes and the studio file, each under its sha256', async () => {
    const bytes = wavBytes({
      kind: 'int',
      bits: 16,
      rate: 22_050,
      channels: [sine(4410, 200, 22_050)],
    });
    const path = await writeBytes(join(dir, 'orig.wav'), bytes);
    const { media, reused, warnings } = await project.importFile(path, {
      name: 'Original take.wav',
    });
    expect(reused).toBe(false);
    expect(warnings).toEqual([]);
    const source = media.sources[0]!;
    expect(source).toMatchObject({
      format: 'WAV',
      encoding: '16-bit integer',
      sampleRate: 22_050,
      channels: 1,
    });
    const session = project.session();
    expect(await readFile(session.media.pathOf(source.hash))).toEqual(bytes);
    expect(await session.media.verify(media.hash)).toBe(true);
    expect(await session.media.verify(source.hash)).toBe(true);
    expect(session.store.media(media.hash)).toMatchObject({
      mime: 'audio/wav',
      name: 'Original take.wav',
    });
    expect(await project.mediaFiles()).toEqual([media.hash, source.hash].sort());
    expect(
      project
        .session()
        .audio.list()
        .map((m) => m.hash),
    ).toEqual([media.hash]);
  });

  it('stores identical audio once: the same file twice, or the same audio in another file', async () => {
    const spec: PcmSpec = {
      kind: 'int',
      bits: 16,
      rate: 48_000,
      channels: [sine(2000, 300, 48_000)],
    };
    const first = await project.importFile(await writeBytes(join(dir, 'a.wav'), wavBytes(spec)));
    const again = await project.importFile(join(dir, 'a.wav'));
    expect(again.reused).toBe(true);
    expect(again.media.hash).toBe(first.media.hash);
    // The same samples as AIFF: a different original, the same studio audio.
    const aiff = await project.importFile(await writeBytes(join(dir, 'a.aiff'), aiffBytes(spec)));
    expect(aiff.media.hash).toBe(first.media.hash);
    expect(aiff.reused).toBe(true);
    expect(aiff.media.sources.map((s) => s.format).sort()).toEqual(['AIFF', 'WAV']);
    expect(await project.mediaFiles()).toHaveLength(3);
  });

  it('leaves no file and no row behind when cancelled mid-decode', async () => {
    const rate = 44_100;
    const long = sine(rate * 20, 440, rate);
    const path = await writeBytes(
      join(dir, 'long.wav'),
      wavBytes({ kind: 'int', bits: 16, rate, channels: [long, long] }),
    );
    const controller = new AbortController();
    const outcome = await project
      .importFile(path, {
        signal: controller.signal,
        onProgress: (phase, fraction) => {
          if (phase === 'decode' && fraction > 0.2) {
            controller.abort();
          }
        },
      })
      .then(
        () => 'finished',
        (error: unknown) => (isStudioError(error, 'CANCELLED') ? 'cancelled' : String(error)),
      );
    expect(outcome).toBe('cancelled');
    expect(await project.mediaFiles()).toEqual([]);
    expect(project.session().store.listMedia()).toEqual([]);
    expect(project.session().audio.list()).toEqual([]);
  });

  it('leaves nothing behind when the file cannot be decoded', async () => {
    const path = await writeBytes(
      join(dir, 'notes.wav'),
      Buffer.from('just some text, not audio\n'),
    );
    await expect(project.importFile(path)).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      message: expect.stringContaining('a text file') as unknown,
    });
    expect(await project.mediaFiles()).toEqual([]);
    expect(project.session().store.listMedia()).toEqual([]);
  });
});

describe('peaks', () => {
  it('are the min/max of each 256-frame window, per channel, and survive a lost cache', async () => {
    const frames = 256 * 3 + 10;
    const left = Float64Array.from({ length: frames }, (_, i) => (i % 256) / 512 - 0.2);
    const right = Float64Array.from({ length: frames }, (_, i) => -((i * 7) % 100) / 100);
    const path = await writeBytes(
      join(dir, 'p.wav'),
      wavBytes({ kind: 'float', bits: 32, rate: 48_000, channels: [left, right] }),
    );
    const { media } = await project.importFile(path);
    const audio = project.session().audio;
    const json = await audio.peaksJson(media.hash);
    expect(json).toMatchObject({ frames, sampleRate: 48_000, samplesPerPeak: 256, channels: 2 });
    expect(json.duration).toBeCloseTo(frames / 48_000, 12);
    const expected = (channel: Float64Array) => {
      const out: number[] = [];
      for (let w = 0; w < frames; w += 256) {
        const window = Array.from(channel.subarray(w, w + 256), (x) => Math.fround(x));
        out.push(Math.min(...window), Math.max(...window));
      }
      return out;
    };
    expect(json.peaks[0]).toHaveLength(8);
    json.peaks[0].forEach((v, i) => {
      expect(v).toBeCloseTo(expected(left)[i]!, 4);
    });
    json.peaks[1].forEach((v, i) => {
      expect(v).toBeCloseTo(expected(right)[i]!, 4);
    });
    const coarse = await audio.peaksJson(media.hash, 1024);
    expect(coarse.peaks[0]).toEqual([
      Math.min(...json.peaks[0].filter((_, i) => i % 2 === 0)),
      Math.max(...json.peaks[0].filter((_, i) => i % 2 === 1)),
    ]);
    await rm(join(project.session().dir, PEAKS_FOLDER, media.hash));
    expect(await audio.peaksJson(media.hash)).toEqual(json);
  });
});
