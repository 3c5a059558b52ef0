import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type AudioProject, startAudioProject } from '../../../tests/helpers/audio-project.ts';
import { seededRandom } from '../../../tests/helpers/random.ts';
import { readStudioAudio, storeGeneratedAudio } from './generated-audio.ts';

let project: AudioProject;
beforeEach(async () => {
  project = await startAudioProject();
});
afterEach(async () => {
  await project.cleanup();
});

function noise(frames: number, seed: number): { left: Float32Array; right: Float32Array } {
  const random = seededRandom(seed);
  const make = () => Float32Array.from({ length: frames }, () => (random.next() * 2 - 1) * 1.5);
  return { left: make(), right: make() };
}

describe('generated audio', () => {
  it('stores model output bit for bit with its provenance, and reads any range back', async () => {
    const audio = noise(150_001, 3);
    const provenance = { task: 'text2music', seed: 42, model: { dit: 'turbo', version: '1.5' } };
    const { media, reused } = await storeGeneratedAudio(
      project.session().audio,
      audio,
      provenance,
      {
        name: 'Generation 1',
      },
    );
    expect(reused).toBe(false);
    expect(media).toMatchObject({
      origin: 'generated',
      frames: 150_001,
      sources: [],
      name: 'Generation 1',
    });
    const back = await readStudioAudio(project.session().audio, media.hash);
    expect(Buffer.from(back.left.buffer).equals(Buffer.from(audio.left.buffer))).toBe(true);
    expect(Buffer.from(back.right.buffer).equals(Buffer.from(audio.right.buffer))).toBe(true);
    const part = await readStudioAudio(project.session().audio, media.hash, {
      start: 149_990,
      end: 150_010,
    });
    expect(Array.from(part.left.subarray(0, 11))).toEqual(Array.from(audio.left.subarray(149_990)));
    expect(Array.from(part.left.subarray(11))).toEqual(new Array(9).fill(0));
    expect(project.session().store.audio.get(media.hash)?.provenance).toEqual(provenance);
    expect(await project.session().media.verify(media.hash)).toBe(true);
  });

  it('stores identical audio once and keeps the first provenance', async () => {
    const audio = noise(1000, 4);
    const first = await storeGeneratedAudio(
      project.session().audio,
      audio,
      { seed: 1 },
      { name: 'A' },
    );
    const second = await storeGeneratedAudio(
      project.session().audio,
      audio,
      { seed: 2 },
      { name: 'B' },
    );
    expect(second).toMatchObject({ reused: true, media: { hash: first.media.hash, name: 'A' } });
    expect(project.session().store.audio.get(first.media.hash)?.provenance).toEqual({ seed: 1 });
    expect(await project.mediaFiles()).toEqual([first.media.hash]);
  });

  it('refuses ragged, non-finite or empty audio and stores nothing', async () => {
    const store = project.session().audio;
    const ok = new Float32Array(10);
    await expect(
      storeGeneratedAudio(store, { left: ok, right: new Float32Array(9) }, {}, { name: 'x' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const nan = Float32Array.from([0, Number.NaN]);
    await expect(
      storeGeneratedAudio(store, { left: nan, right: nan }, {}, { name: 'x' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const none = new Float32Array(0);
    await expect(
      storeGeneratedAudio(store, { left: none, right: none }, {}, { name: 'x' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      readStudioAudio(store, 'f'.repeat(64) as never, { start: 0, end: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await project.mediaFiles()).toEqual([]);
  });
});
