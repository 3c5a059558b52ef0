/**
 * A corpus of hostile and odd files, generated here, through the real import: each must end in
 * a correct decode or a typed error within a time bound — never a crash, a hang, an untyped
 * error or a partial store entry (no stray file, no row).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isStudioError } from '../../app/errors.ts';
import { aiffBytes, ffmpeg, hasFfmpeg, sine, wavBytes } from '../helpers/audio-fixtures.ts';
import { type AudioProject, startAudioProject } from '../helpers/audio-project.ts';
import { seededRandom } from '../helpers/random.ts';
import { makeTempDir, removeDir } from '../helpers/temp-dir.ts';

const TIME_BOUND_MS = 15_000;
const TYPED = ['UNSUPPORTED_FORMAT', 'VALIDATION_FAILED', 'TOO_LARGE'];

type Expect = 'ok' | 'ok-with-warning' | 'unsupported' | 'damaged' | 'ok-or-error';

interface Case {
  name: string;
  bytes: () => Promise<Uint8Array> | Uint8Array;
  expect: Expect;
  /** For 'ok' cases: the exact frame count at 48 kHz. */
  frames?: number;
}

const stereo = (frames: number) => [sine(frames, 440, 48_000), sine(frames, 660, 48_000)];
const goodWav = () => wavBytes({ kind: 'int', bits: 16, rate: 48_000, channels: stereo(4800) });
const patch = (bytes: Uint8Array, at: number, write: (view: DataView) => void): Uint8Array => {
  const copy = Uint8Array.from(bytes);
  write(new DataView(copy.buffer, at));
  return copy;
};
const cut = (bytes: Uint8Array, length: number) => bytes.subarray(0, length);
/** Offset of a chunk id in a RIFF file. */
const find = (bytes: Uint8Array, id: string) =>
  Buffer.from(bytes).indexOf(Buffer.from(id, 'latin1'));
const random = seededRandom(1234);
const noise = (n: number, first: number[] = []) =>
  Uint8Array.from([
    ...first,
    ...Array.from({ length: n - first.length }, () => random.int(0, 255)),
  ]);

let dir: string;
const made = new Map<string, Uint8Array>();
async function viaFfmpeg(name: string, args: string[]): Promise<Uint8Array> {
  const cached = made.get(name);
  if (cached !== undefined) {
    return cached;
  }
  const source = join(dir, 'source.wav');
  await import('node:fs/promises').then((fs) => fs.writeFile(source, goodWav()));
  const out = join(dir, name);
  await ffmpeg(['-i', source, ...args, out]);
  const bytes = new Uint8Array(await readFile(out));
  made.set(name, bytes);
  return bytes;
}

const corpus: Case[] = [
  { name: 'empty file', bytes: () => new Uint8Array(0), expect: 'unsupported' },
  { name: 'one byte', bytes: () => Uint8Array.of(0x52), expect: 'unsupported' },
  { name: 'RIFF magic only', bytes: () => cut(goodWav(), 4), expect: 'unsupported' },
  { name: 'RIFF header, no chunks', bytes: () => cut(goodWav(), 12), expect: 'damaged' },
  { name: 'cut inside the fmt header', bytes: () => cut(goodWav(), 16), expect: 'damaged' },
  { name: 'cut inside the fmt body', bytes: () => cut(goodWav(), 28), expect: 'damaged' },
  { name: 'cut after fmt (no data chunk)', bytes: () => cut(goodWav(), 36), expect: 'damaged' },
  { name: 'cut inside the data header', bytes: () => cut(goodWav(), 40), expect: 'damaged' },
  { name: 'cut after the data header', bytes: () => cut(goodWav(), 44), expect: 'damaged' },
  {
    name: 'cut in the middle of the data',
    bytes: () => cut(goodWav(), 44 + 4 * 2000 + 3),
    expect: 'ok-with-warning',
    frames: 2000,
  },
  {
    name: 'data size far beyond the file',
    bytes: () =>
      patch(goodWav(), 40, (v) => {
        v.setUint32(0, 0x7ffffff0, true);
      }),
    expect: 'ok-with-warning',
    frames: 4800,
  },
  {
    name: 'fmt size far beyond the file',
    bytes: () =>
      patch(goodWav(), 16, (v) => {
        v.setUint32(0, 0x7ffffff0, true);
      }),
    expect: 'damaged',
  },
  {
    name: 'zero channels',
    bytes: () =>
      patch(goodWav(), 22, (v) => {
        v.setUint16(0, 0, true);
      }),
    expect: 'damaged',
  },
  {
    name: '65535 channels',
    bytes: () =>
      patch(goodWav(), 22, (v) => {
        v.setUint16(0, 65_535, true);
      }),
    expect: 'damaged',
  },
  {
    name: '100 channels, consistently declared',
    bytes: () =>
      wavBytes({
        kind: 'int',
        bits: 16,
        rate: 48_000,
        channels: Array.from({ length: 100 }, () => new Float64Array(10)),
      }),
    expect: 'unsupported',
  },
  {
    name: 'sample rate 0',
    bytes: () =>
      patch(goodWav(), 24, (v) => {
        v.setUint32(0, 0, true);
      }),
    expect: 'unsupported',
  },
  {
    name: 'sample rate 4 GHz',
    bytes: () =>
      patch(goodWav(), 24, (v) => {
        v.setUint32(0, 4_000_000_000, true);
      }),
    expect: 'unsupported',
  },
  {
    name: '12-bit PCM',
    bytes: () =>
      patch(goodWav(), 34, (v) => {
        v.setUint16(0, 12, true);
      }),
    expect: 'unsupported',
  },
  {
    name: 'frame size that lies',
    bytes: () =>
      patch(goodWav(), 32, (v) => {
        v.setUint16(0, 7, true);
      }),
    expect: 'damaged',
  },
  {
    name: 'ADPCM format code',
    bytes: () =>
      patch(goodWav(), 20, (v) => {
        v.setUint16(0, 2, true);
      }),
    expect: 'unsupported',
  },
  {
    name: 'float32 with NaN and Infinity',
    bytes: () => {
      const left = sine(1000, 100, 48_000);
      left[10] = Number.NaN;
      left[20] = Number.POSITIVE_INFINITY;
      left[30] = Number.NEGATIVE_INFINITY;
      return wavBytes({ kind: 'float', bits: 32, rate: 48_000, channels: [left] });
    },
    expect: 'ok-with-warning',
    frames: 1000,
  },
  {
    name: 'float64 beyond float32 range',
    bytes: () =>
      wavBytes({
        kind: 'float',
        bits: 64,
        rate: 48_000,
        channels: [Float64Array.from([0, 1e300, -1e300, 0.5])],
      }),
    expect: 'ok-with-warning',
    frames: 4,
  },
  {
    name: 'RF64 declaring 2^60 bytes',
    bytes: () => {
      const rf64 = wavBytes({
        kind: 'int',
        bits: 16,
        rate: 48_000,
        channels: stereo(480),
        rf64: true,
      });
      return patch(rf64, find(rf64, 'ds64') + 8 + 8, (v) => {
        v.setUint32(4, 2 ** 28, true);
      });
    },
    expect: 'ok-with-warning',
    frames: 480,
  },
  {
    name: 'streaming WAV (data size 0xFFFFFFFF)',
    bytes: () =>
      patch(goodWav(), 40, (v) => {
        v.setUint32(0, 0xffffffff, true);
      }),
    expect: 'ok-with-warning',
    frames: 4800,
  },
  {
    name: 'extensible with an unknown subformat',
    bytes: () => {
      const wav = wavBytes({
        kind: 'int',
        bits: 16,
        rate: 48_000,
        channels: stereo(100),
        extensible: true,
        channelMask: 3,
      });
      return patch(wav, find(wav, 'fmt ') + 8 + 30, (v) => {
        v.setUint8(0, 0x42);
      });
    },
    expect: 'unsupported',
  },
  {
    name: 'zero-length data chunk',
    bytes: () => wavBytes({ kind: 'int', bits: 16, rate: 48_000, channels: [new Float64Array(0)] }),
    expect: 'damaged',
  },
  {
    name: 'data chunk before fmt',
    bytes: () => {
      const wav = Buffer.from(goodWav());
      const fmt = wav.subarray(12, 36);
      const data = wav.subarray(36);
      return Buffer.concat([wav.subarray(0, 12), data, fmt]);
    },
    expect: 'damaged',
  },
  {
    name: 'thousands of tiny chunks',
    bytes: () => {
      const wav = Buffer.from(goodWav());
      const junk = Buffer.alloc(8 * 5000);
      for (let i = 0; i < 5000; i += 1) {
        junk.write('junk', i * 8, 'latin1');
      }
      return Buffer.concat([wav.subarray(0, 12), junk, wav.subarray(12)]);
    },
    expect: 'damaged',
  },
  {
    name: 'valid WAV with trailing junk',
    bytes: () => Buffer.concat([goodWav(), Buffer.from(noise(5000))]),
    expect: 'ok',
    frames: 4800,
  },
  {
    name: 'AIFF cut inside COMM',
    bytes: () => cut(aiffBytes({ kind: 'int', bits: 16, rate: 48_000, channels: stereo(100) }), 24),
    expect: 'damaged',
  },
  {
    name: 'AIFF with a NaN sample rate',
    bytes: () => {
      const aiff = aiffBytes({ kind: 'int', bits: 16, rate: 48_000, channels: stereo(100) });
      return patch(aiff, find(aiff, 'COMM') + 8 + 8, (v) => {
        v.setUint16(0, 0x7fff, false);
      });
    },
    expect: 'unsupported',
  },
  {
    name: 'AIFF-C with IMA ADPCM',
    bytes: () => {
      const aifc = aiffBytes(
        { kind: 'int', bits: 16, rate: 48_000, channels: stereo(100) },
        'NONE',
      );
      return patch(aifc, find(aifc, 'COMM') + 8 + 18, (v) => {
        v.setUint32(0, 0x696d6134, false);
      });
    },
    expect: 'unsupported',
  },
  {
    name: 'AIFF declaring 4 billion frames',
    bytes: () => {
      const aiff = aiffBytes({ kind: 'int', bits: 16, rate: 48_000, channels: stereo(100) });
      return patch(aiff, find(aiff, 'COMM') + 8 + 2, (v) => {
        v.setUint32(0, 0xfffffff0, false);
      });
    },
    expect: 'ok',
    frames: 100,
  },
  {
    name: 'a text file named .wav',
    bytes: () => Buffer.from('This is a README, not a song.\n'.repeat(20)),
    expect: 'unsupported',
  },
  {
    name: 'a PNG named .wav',
    bytes: () => noise(2000, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    expect: 'unsupported',
  },
  {
    name: '64 KiB of random bytes',
    bytes: () => noise(65_536, [0x00, 0x01]),
    expect: 'unsupported',
  },
  {
    name: 'MPEG frame sync then garbage',
    bytes: () => noise(20_000, [0xff, 0xfb, 0x90, 0x64, 0xff, 0xfb, 0x90, 0x64]),
    expect: 'ok-or-error',
  },
  {
    name: 'fLaC magic then garbage',
    bytes: () => noise(10_000, [0x66, 0x4c, 0x61, 0x43]),
    expect: 'damaged',
  },
  {
    name: 'OggS then garbage',
    bytes: () => noise(10_000, [0x4f, 0x67, 0x67, 0x53]),
    expect: 'unsupported',
  },
  {
    name: 'ID3 tag claiming 200 MB, nothing after',
    bytes: () => Uint8Array.of(0x49, 0x44, 0x33, 4, 0, 0, 0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3),
    expect: 'ok-or-error',
  },
  {
    name: 'MP3 cut in half',
    bytes: async () => cut(await viaFfmpeg('cut.mp3', ['-c:a', 'libmp3lame']), 4000),
    expect: 'ok',
  },
  {
    name: 'Ogg Vorbis cut in half',
    bytes: async () => cut(await viaFfmpeg('cut.ogg', ['-c:a', 'libvorbis']), 3000),
    expect: 'ok-or-error',
  },
  {
    name: 'FLAC cut in half',
    bytes: async () => {
      // The tone looped 20 times: enough whole frames before the cut.
      const flac = await viaFfmpeg('cut.flac', ['-af', 'aloop=loop=20:size=4800', '-c:a', 'flac']);
      return flac.subarray(0, Math.floor(flac.length * 0.5));
    },
    expect: 'ok',
  },
  {
    name: 'M4A/AAC (no compatible decoder)',
    bytes: () => viaFfmpeg('song.m4a', ['-c:a', 'aac']),
    expect: 'unsupported',
  },
];

let project: AudioProject;
beforeAll(async () => {
  expect(hasFfmpeg()).toBe(true);
  dir = await makeTempDir();
  project = await startAudioProject();
});
afterAll(async () => {
  await project.cleanup();
  await removeDir(dir);
});

describe('the hostile audio corpus', () => {
  it('has at least 30 files', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  it.each(corpus.map((c, i) => [c.name, i] as const))('%s', async (_name, index) => {
    const entry = corpus[index]!;
    const path = join(dir, `case-${index}.wav`);
    await import('node:fs/promises').then(async (fs) => fs.writeFile(path, await entry.bytes()));
    const before = { files: await project.mediaFiles(), rows: project.session().store.listMedia() };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'hang'>((resolve) => {
      timer = setTimeout(() => {
        resolve('hang');
      }, TIME_BOUND_MS);
    });
    const outcome = await Promise.race([
      project.importFile(path).then(
        (result) => ({ ok: true as const, result }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
      timeout,
    ]);
    clearTimeout(timer);
    expect(outcome).not.toBe('hang');
    if (outcome === 'hang') {
      return;
    }
    if (outcome.ok) {
      expect(['ok', 'ok-with-warning', 'ok-or-error']).toContain(entry.expect);
      const { media, warnings } = outcome.result;
      if (entry.frames !== undefined) {
        expect(media.frames).toBe(entry.frames);
      }
      if (entry.expect === 'ok-with-warning') {
        expect(warnings.length).toBeGreaterThan(0);
      }
      const session = project.session();
      expect(await session.media.verify(media.hash)).toBe(true);
      expect(
        (await session.audio.read(media.hash)).every((channel) => channel.every(Number.isFinite)),
      ).toBe(true);
      return;
    }
    const error = outcome.error;
    expect(isStudioError(error), String(error)).toBe(true);
    if (!isStudioError(error)) {
      return;
    }
    expect(TYPED).toContain(error.code);
    if (entry.expect === 'unsupported') {
      expect(error.code).toBe('UNSUPPORTED_FORMAT');
    } else if (entry.expect === 'damaged') {
      expect(error.code).toBe('VALIDATION_FAILED');
    } else {
      expect(entry.expect).toBe('ok-or-error');
    }
    // Nothing partial: the same files and rows as before the attempt.
    expect(await project.mediaFiles()).toEqual(before.files);
    expect(project.session().store.listMedia()).toEqual(before.rows);
  });
});
