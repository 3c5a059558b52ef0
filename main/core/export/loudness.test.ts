import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seededRandom } from '../../../tests/helpers/random.ts';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp-dir.ts';
import { integratedLoudness, LoudnessMeter, normalisationGain, samplePeak } from './loudness.ts';

const RATE = 48_000;

function sine(seconds: number, hz: number, amplitude: number): Float32Array {
  return Float32Array.from(
    { length: seconds * RATE },
    (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / RATE),
  );
}

describe('integratedLoudness', () => {
  it('reads a full-scale 1 kHz stereo sine as about 0 LUFS, and −20 dBFS as −20', () => {
    // BS.1770: K-weighting is +0.69 dB at 1 kHz, offsetting the −0.691 constant.
    const full = sine(3, 1000, 1);
    expect(integratedLoudness([full, full])).toBeCloseTo(0, 1);
    const quiet = sine(3, 1000, 0.1);
    expect(integratedLoudness([quiet, quiet])).toBeCloseTo(-20, 1);
  });

  it('gates silence: a quiet half does not pull the level down', () => {
    const tone = sine(4, 1000, 0.1);
    const withSilence = new Float32Array(tone.length * 2);
    withSilence.set(tone);
    // Ungated, half silence would read 3 dB lower; only the few blocks straddling the edge count.
    const gated = integratedLoudness([withSilence, withSilence]);
    expect(gated).toBeGreaterThan(-20.3);
    expect(gated).toBeLessThan(-20);
    expect(integratedLoudness([new Float32Array(RATE)])).toBe(-Infinity);
    expect(integratedLoudness([new Float32Array(100)])).toBe(-Infinity);
  });

  describe('agrees with ffmpeg’s ebur128 filter', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await makeTempDir('layerline-loudness-');
    });
    afterAll(async () => {
      await removeDir(dir);
    });

    it('on pink-ish noise with a loud and a soft part', async () => {
      const random = seededRandom(3);
      const frames = 6 * RATE;
      const left = new Float32Array(frames);
      const right = new Float32Array(frames);
      let lowL = 0;
      let lowR = 0;
      for (let i = 0; i < frames; i += 1) {
        const level = i < frames / 2 ? 0.5 : 0.05;
        lowL = 0.97 * lowL + 0.03 * (random.next() * 2 - 1);
        lowR = 0.97 * lowR + 0.03 * (random.next() * 2 - 1);
        left[i] = level * (lowL * 4 + (random.next() * 2 - 1) * 0.3);
        right[i] = level * (lowR * 4 + (random.next() * 2 - 1) * 0.2);
      }
      const interleaved = new Float32Array(frames * 2);
      for (let i = 0; i < frames; i += 1) {
        interleaved[2 * i] = left[i]!;
        interleaved[2 * i + 1] = right[i]!;
      }
      const raw = join(dir, 'noise.f32');
      await writeFile(raw, interleaved);
      const result = spawnSync(
        'ffmpeg',
        [
          '-hide_banner',
          '-nostats',
          '-f',
          'f32le',
          '-ar',
          '48000',
          '-ac',
          '2',
          '-i',
          raw,
          '-af',
          'ebur128',
          '-f',
          'null',
          '-',
        ],
        { encoding: 'utf8' },
      );
      expect(result.error, 'ffmpeg must be installed (Debian: ffmpeg)').toBeUndefined();
      const match = /Integrated loudness:\s+I:\s+(-?[\d.]+) LUFS/.exec(result.stderr);
      expect(match, result.stderr.slice(-500)).not.toBeNull();
      expect(integratedLoudness([left, right])).toBeCloseTo(Number(match![1]), 1);
    });
  });
});

describe('LoudnessMeter', () => {
  it('measures the same pushed in blocks of any size as all at once', () => {
    const left = sine(3, 440, 0.3);
    const right = sine(3, 660, 0.2);
    const meter = new LoudnessMeter(2);
    for (let at = 0, size = 1; at < left.length; at += size, size = (size * 7 + 3) % 9001) {
      meter.push([left.subarray(at, at + size), right.subarray(at, at + size)]);
    }
    expect(meter.integrated()).toBeCloseTo(integratedLoudness([left, right]), 9);
  });
});

describe('normalisationGain', () => {
  it('reaches the target when the peak allows', () => {
    const tone = sine(3, 1000, 0.1);
    const result = normalisationGain([tone, tone], -14);
    expect(result.resultLufs).toBeCloseTo(-14, 1);
    expect(result.gain).toBeCloseTo(10 ** (6 / 20), 2);
    expect(result.peakLimited).toBe(false);
  });

  it('stops at a −1 dBFS sample peak instead of clipping', () => {
    const tone = sine(3, 1000, 0.5);
    const result = normalisationGain([tone, tone], -0.5);
    expect(result.peakLimited).toBe(true);
    expect(samplePeak([tone]) * result.gain).toBeCloseTo(10 ** (-1 / 20), 4);
  });

  it('leaves silence alone', () => {
    expect(normalisationGain([new Float32Array(RATE)], -14).gain).toBe(1);
  });
});
