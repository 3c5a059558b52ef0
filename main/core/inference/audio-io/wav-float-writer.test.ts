import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempDir, removeDir } from '../../../../tests/helpers/temp-dir.ts';
import { WavFloatWriter } from './wav-float-writer.ts';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const sampleAt = (bytes: Buffer, frame: number, channel: 0 | 1) =>
  bytes.readFloatLE(44 + frame * 8 + channel * 4);

describe('WavFloatWriter', () => {
  it('keeps audio within ±1 as written', async () => {
    const path = join(dir, 'quiet.wav');
    const writer = await WavFloatWriter.create(path, 3, 48_000);
    await writer.write(Float32Array.of(0.5, -0.25, 1), Float32Array.of(0, 0.125, -1));
    expect(await writer.finish()).toMatchObject({ peak: 1, normalized: false });
    const bytes = await readFile(path);
    expect([0, 1, 2].map((f) => sampleAt(bytes, f, 0))).toEqual([0.5, -0.25, 1]);
  });

  it('divides a clipping item by its peak (spec §5.8), reading its own samples back', async () => {
    const path = join(dir, 'loud.wav');
    const writer = await WavFloatWriter.create(path, 2, 48_000);
    await writer.write(Float32Array.of(4, -1), Float32Array.of(2, -8));
    expect(await writer.finish()).toMatchObject({ peak: 8, normalized: true });
    const bytes = await readFile(path);
    expect([sampleAt(bytes, 0, 0), sampleAt(bytes, 0, 1)]).toEqual([0.5, 0.25]);
    expect([sampleAt(bytes, 1, 0), sampleAt(bytes, 1, 1)]).toEqual([-0.125, -1]);
  });
});
