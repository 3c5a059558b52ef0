/** Compressed imports, with files made by Debian's ffmpeg (CI installs it, see .ci/run). */
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ffmpeg,
  hasFfmpeg,
  sine,
  wavBytes,
  writeBytes,
} from '../../../tests/helpers/audio-fixtures.ts';
import { type AudioProject, startAudioProject } from '../../../tests/helpers/audio-project.ts';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp-dir.ts';

let project: AudioProject;
let dir: string;
let source: string;
const RATE = 44_100;
const SECONDS = 2;

beforeAll(async () => {
  expect(hasFfmpeg()).toBe(true);
  project = await startAudioProject();
  dir = await makeTempDir();
  const frames = RATE * SECONDS;
  source = await writeBytes(
    join(dir, 'source.wav'),
    wavBytes({
      kind: 'int',
      bits: 16,
      rate: RATE,
      channels: [sine(frames, 440, RATE), sine(frames, 880, RATE, 0.3)],
    }),
  );
});
afterAll(async () => {
  await project.cleanup();
  await removeDir(dir);
});

/** Correlation of `x` with a sine of `freq` at 48 kHz over the middle of the signal. */
function toneLevel(x: Float32Array, freq: number): number {
  let s = 0;
  let c = 0;
  const from = 10_000;
  const to = x.length - 10_000;
  for (let i = from; i < to; i += 1) {
    const phase = (2 * Math.PI * freq * i) / 48_000;
    s += (x[i] as number) * Math.sin(phase);
    c += (x[i] as number) * Math.cos(phase);
  }
  return (2 * Math.hypot(s, c)) / (to - from);
}

const cases: [string, string[], string, number][] = [
  ['MP3', ['-c:a', 'libmp3lame', '-b:a', '192k'], 'mp3', 0.02],
  ['FLAC', ['-c:a', 'flac'], 'flac', 0.001],
  ['Ogg Vorbis', ['-c:a', 'libvorbis', '-q:a', '6'], 'ogg', 0.02],
  ['Ogg Opus', ['-c:a', 'libopus', '-b:a', '160k'], 'opus', 0.02],
];

describe('compressed imports', () => {
  it.each(cases)(
    '%s decodes to stereo 48 kHz of the right length and tones',
    async (format, args, ext, tolerance) => {
      const path = join(dir, `tone.${ext}`);
      await ffmpeg(['-i', source, ...args, path]);
      const { media } = await project.importFile(path, { name: `tone.${ext}` });
      expect(media.sources[0]?.format).toBe(format);
      // Gapless decoders trim encoder delay and padding: the length is the source's (±1 frame).
      expect(Math.abs(media.frames - 48_000 * SECONDS)).toBeLessThanOrEqual(
        format === 'MP3' ? 1152 : 1,
      );
      const [l, r] = await project.session().audio.read(media.hash);
      expect(Math.abs(toneLevel(l, 440) - 0.5)).toBeLessThan(tolerance);
      expect(Math.abs(toneLevel(r, 880) - 0.3)).toBeLessThan(tolerance);
      expect(toneLevel(l, 880)).toBeLessThan(0.01);
    },
  );

  it('keeps both channels of an MP3 whose channels are identical (joint-stereo "mono")', async () => {
    const mono = join(dir, 'dual.mp3');
    await ffmpeg([
      '-i',
      source,
      '-af',
      'pan=stereo|c0=c0|c1=c0',
      '-c:a',
      'libmp3lame',
      '-b:a',
      '128k',
      mono,
    ]);
    const { media } = await project.importFile(mono);
    expect(media.sources[0]?.channels).toBe(2);
    const [l, r] = await project.session().audio.read(media.hash);
    expect(toneLevel(r, 440)).toBeGreaterThan(0.45);
    let diff = 0;
    for (let i = 0; i < l.length; i += 1) {
      diff = Math.max(diff, Math.abs((l[i] as number) - (r[i] as number)));
    }
    expect(diff).toBeLessThan(1e-3);
  });
});
