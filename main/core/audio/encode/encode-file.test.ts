/** Encoder round trips: every format decodes back with our decoder and with ffmpeg / sox. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ffmpegDecode,
  hasFfmpeg,
  sine,
  soxDecode,
} from '../../../../tests/helpers/audio-fixtures.ts';
import { makeTempDir, removeDir } from '../../../../tests/helpers/temp-dir.ts';
import { openAudioDecoder } from '../decode/open-decoder.ts';
import type { StereoBlock } from '../studio-file.ts';
import { TpdfDither } from './dither.ts';
import { encodeAudioFile, type EncodeFormat } from './encode-file.ts';

let dir: string;
const FRAMES = 48_000 + 1234;
const left = Float32Array.from(sine(FRAMES, 440, 48_000, 0.5));
const right = Float32Array.from(sine(FRAMES, 1000, 48_000, 0.25));

beforeAll(async () => {
  expect(hasFfmpeg()).toBe(true);
  dir = await makeTempDir();
});
afterAll(async () => {
  await removeDir(dir);
});

function* blocks(size = 10_000): Generator<StereoBlock> {
  for (let at = 0; at < FRAMES; at += size) {
    yield [left.subarray(at, at + size), right.subarray(at, at + size)];
  }
}

/** Worst per-sample error of interleaved `decoded` against the source, `margin` frames in. */
function worstError(decoded: Float32Array, margin = 0): number {
  let worst = 0;
  for (let i = margin; i < FRAMES - margin; i += 1) {
    worst = Math.max(
      worst,
      Math.abs((decoded[2 * i] as number) - (left[i] as number)),
      Math.abs((decoded[2 * i + 1] as number) - (right[i] as number)),
    );
  }
  return worst;
}

async function ourDecode(path: string): Promise<{ samples: Float32Array; rate: number }> {
  const decoder = await openAudioDecoder(path);
  const parts: Float32Array[][] = [];
  let rate = 0;
  try {
    for await (const block of decoder.blocks()) {
      parts.push(block.channels);
      rate = block.sampleRate;
    }
  } finally {
    await decoder.close();
  }
  const frames = parts.reduce((n, p) => n + (p[0]?.length ?? 0), 0);
  const samples = new Float32Array(frames * 2);
  let at = 0;
  for (const [l, r] of parts) {
    for (let i = 0; i < (l?.length ?? 0); i += 1, at += 2) {
      samples[at] = l?.[i] as number;
      samples[at + 1] = r?.[i] as number;
    }
  }
  return { samples, rate };
}

const LSB16 = 1 / 32768;
const LSB24 = 1 / 8388608;
const lossless: [string, EncodeFormat, number, boolean][] = [
  // TPDF dither (±1 LSB) plus rounding (½ LSB).
  ['WAV 16-bit', { kind: 'wav', sampleFormat: 'pcm16' }, 1.5 * LSB16 + 1e-9, true],
  ['WAV 24-bit', { kind: 'wav', sampleFormat: 'pcm24' }, 0.5 * LSB24 + 1e-9, true],
  ['WAV 32-bit float', { kind: 'wav', sampleFormat: 'float32' }, 0, true],
  [
    'RF64 24-bit',
    { kind: 'wav', sampleFormat: 'pcm24', forceRf64: true },
    0.5 * LSB24 + 1e-9,
    false,
  ],
  ['FLAC 16-bit', { kind: 'flac', bits: 16 }, 1.5 * LSB16 + 1e-9, true],
  ['FLAC 24-bit', { kind: 'flac', bits: 24 }, 0.5 * LSB24 + 1e-9, true],
];

describe('lossless encoders', () => {
  it.each(lossless)(
    '%s decodes back to the same length, rate, channels and samples',
    async (name, format, bound, sox) => {
      const path = join(dir, `${name.replace(/\W+/g, '-')}.${format.kind}`);
      const written = await encodeAudioFile(path, blocks(), format);
      expect(written.frames).toBe(FRAMES);
      const viaFfmpeg = await ffmpegDecode(path);
      expect(viaFfmpeg).toMatchObject({ rate: 48_000, channels: 2 });
      expect(viaFfmpeg.samples.length).toBe(FRAMES * 2);
      expect(worstError(viaFfmpeg.samples)).toBeLessThanOrEqual(bound);
      const ours = await ourDecode(path);
      expect(ours.rate).toBe(48_000);
      expect(ours.samples.length).toBe(FRAMES * 2);
      // Our FLAC decoder rescales libFLAC's float output: one float32 rounding more.
      expect(worstError(ours.samples)).toBeLessThanOrEqual(bound + 2 ** -24);
      if (sox) {
        const viaSox = await soxDecode(path);
        expect(viaSox.length).toBe(FRAMES * 2);
        expect(worstError(viaSox)).toBeLessThanOrEqual(bound + LSB24);
      }
    },
  );

  it('writes the same bytes for the same audio and dither seed', async () => {
    const a = await encodeAudioFile(
      join(dir, 'a.wav'),
      blocks(),
      { kind: 'wav', sampleFormat: 'pcm16' },
      { ditherSeed: 7 },
    );
    const b = await encodeAudioFile(
      join(dir, 'b.wav'),
      blocks(3333),
      { kind: 'wav', sampleFormat: 'pcm16' },
      { ditherSeed: 7 },
    );
    expect((await readFile(a.path)).equals(await readFile(b.path))).toBe(true);
  });

  it('keeps extra chunks (bext before the audio, LIST after it) and still decodes', async () => {
    const bext = { id: 'bext', data: new Uint8Array(602).fill(0x41) };
    const list = { id: 'LIST', data: Buffer.from('INFOINAM\x06\x00\x00\x00Title\x00') };
    const path = join(dir, 'chunks.wav');
    await encodeAudioFile(path, blocks(), {
      kind: 'wav',
      sampleFormat: 'pcm24',
      chunksBeforeData: [bext],
      chunksAfterData: () => [list],
    });
    const bytes = await readFile(path);
    const at = (id: string) => bytes.indexOf(Buffer.from(id, 'latin1'));
    expect(at('bext')).toBeGreaterThan(0);
    expect(at('bext')).toBeLessThan(at('data'));
    expect(at('LIST')).toBeGreaterThan(at('data'));
    expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
    const decoded = await ffmpegDecode(path);
    expect(decoded.samples.length).toBe(FRAMES * 2);
  });
});

describe('MP3', () => {
  it('decodes with ffmpeg at 48 kHz stereo with the tones where they belong', async () => {
    const path = join(dir, 'song.mp3');
    await encodeAudioFile(path, blocks(), { kind: 'mp3', kbps: 192 });
    const decoded = await ffmpegDecode(path);
    expect(decoded).toMatchObject({ rate: 48_000, channels: 2 });
    // The Info frame's delay and padding let ffmpeg trim to exactly the input length.
    expect(decoded.samples.length / 2).toBe(FRAMES);
    const level = (channel: 0 | 1, freq: number) => {
      let s = 0;
      let c = 0;
      for (let i = 5000; i < 45_000; i += 1) {
        const x = decoded.samples[2 * i + channel] as number;
        s += x * Math.sin((2 * Math.PI * freq * i) / 48_000);
        c += x * Math.cos((2 * Math.PI * freq * i) / 48_000);
      }
      return (2 * Math.hypot(s, c)) / 40_000;
    };
    expect(level(0, 440)).toBeCloseTo(0.5, 1);
    expect(level(1, 1000)).toBeCloseTo(0.25, 1);
    expect(level(0, 1000)).toBeLessThan(0.01);
    // Trimmed, the audio lines up with the input sample for sample (lossy: within 0.03, away
    // from the first and last frame, where the transform has no neighbours).
    expect(worstError(decoded.samples, 2000)).toBeLessThan(0.03);
    const ours = await ourDecode(path);
    expect(ours.rate).toBe(48_000);
    expect(ours.samples.length / 2).toBe(FRAMES);
    expect(worstError(ours.samples, 2000)).toBeLessThan(0.03);
  });

  it('refuses bitrates and rates MP3 does not have', async () => {
    await expect(
      encodeAudioFile(join(dir, 'x.mp3'), blocks(), { kind: 'mp3', kbps: 100 as never }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await readdir(dir)).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });
});

describe('atomic output', () => {
  it('leaves neither the target nor a temp behind when cancelled', async () => {
    const controller = new AbortController();
    const target = join(dir, 'cancelled.flac');
    const stream = (function* () {
      let n = 0;
      for (const block of blocks(1000)) {
        if ((n += 1) === 5) {
          controller.abort();
        }
        yield block;
      }
    })();
    await expect(
      encodeAudioFile(target, stream, { kind: 'flac', bits: 24 }, { signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    const names = await readdir(dir);
    expect(names).not.toContain('cancelled.flac');
    expect(names.filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });
});

describe('TPDF dither', () => {
  it('is triangular: rounding it alone gives -1, 0, +1 LSB with probabilities 1/8, 3/4, 1/8', () => {
    const dither = new TpdfDither(99);
    const counts = new Map<number, number>();
    const n = 200_000;
    for (let i = 0; i < n; i += 1) {
      const value = Math.round(dither.next());
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([-1, 0, 1]);
    expect((counts.get(-1) ?? 0) / n).toBeCloseTo(0.125, 2);
    expect((counts.get(0) ?? 0) / n).toBeCloseTo(0.75, 2);
    expect((counts.get(1) ?? 0) / n).toBeCloseTo(0.125, 2);
  });
});
