import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { readFloatWav } from '../../../../tests/helpers/analytic-generation.ts';
import { makeTempDir, removeDir } from '../../../../tests/helpers/temp-dir.ts';
import { WavFloatWriter } from './wav-float-writer.ts';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

describe('WavFloatWriter', () => {
  it('writes chunks in order and leaves audio within ±1 untouched', async () => {
    const writer = await WavFloatWriter.create(join(dir, 'a.wav'), 5, 48000);
    await writer.write(Float32Array.from([0.5, -0.25]), Float32Array.from([0, 1]));
    await writer.write(
      Float32Array.from([0.125, 0.75, -1, 9]),
      Float32Array.from([-0.5, 0, 0.25, 9]),
    );
    expect(await writer.finish()).toMatchObject({ samples: 5, peak: 1, normalized: false });
    const audio = await readFloatWav(join(dir, 'a.wav'));
    expect(audio.sampleRate).toBe(48000);
    expect([...audio.left]).toEqual([0.5, -0.25, 0.125, 0.75, -1]);
    expect([...audio.right]).toEqual([0, 1, -0.5, 0, 0.25]);
  });

  it('divides the whole item by its peak when it clips (reference anti-clipping)', async () => {
    const writer = await WavFloatWriter.create(join(dir, 'b.wav'), 3, 48000);
    await writer.write(Float32Array.from([2, -4, 1]), Float32Array.from([0, 0.5, -1]));
    expect(await writer.finish()).toMatchObject({ peak: 4, normalized: true });
    const audio = await readFloatWav(join(dir, 'b.wav'));
    expect([...audio.left]).toEqual([0.5, -1, 0.25]);
    expect([...audio.right]).toEqual([0, 0.125, -0.25]);
  });

  it('limits the peak and the rescale to a span when given one (repaint)', async () => {
    const writer = await WavFloatWriter.create(join(dir, 's.wav'), 4, 48000, { start: 1, end: 3 });
    await writer.write(
      Float32Array.from([0.5, 2, -4, 0.75]),
      Float32Array.from([-0.5, 1, 0, 0.25]),
    );
    expect(await writer.finish()).toMatchObject({ peak: 4, normalized: true });
    const audio = await readFloatWav(join(dir, 's.wav'));
    expect([...audio.left]).toEqual([0.5, 0.5, -1, 0.75]);
    expect([...audio.right]).toEqual([-0.5, 0.25, 0, 0.25]);
  });

  it('refuses overlapping writes and a short file, and removes an aborted one', async () => {
    const writer = await WavFloatWriter.create(join(dir, 'c.wav'), 5, 48000);
    const one = () => writer.write(Float32Array.from([0]), Float32Array.from([0]));
    const inFlight = [one(), one(), one()];
    expect(one).toThrow(/too many writes in flight/);
    await Promise.all(inFlight);
    await expect(writer.finish()).rejects.toMatchObject({ code: 'INTERNAL' });
    await writer.abort();
    await expect(readFloatWav(join(dir, 'c.wav'))).rejects.toThrow();
  });
});
