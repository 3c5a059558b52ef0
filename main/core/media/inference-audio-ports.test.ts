import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { sine, wavBytes, writeBytes } from '../../../tests/helpers/audio-fixtures.ts';
import { type AudioProject, startAudioProject } from '../../../tests/helpers/audio-project.ts';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp-dir.ts';
import { studioGeneratedSink, studioSourceReader } from './inference-audio-ports.ts';

let project: AudioProject;
let dir: string;
const signal = new AbortController().signal;
beforeEach(async () => {
  project = await startAudioProject();
  dir = await makeTempDir();
});
afterEach(async () => {
  await project.cleanup();
  await removeDir(dir);
});

const pcm = async (path: string) => {
  const bytes = await readFile(path);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
};

describe('the generation service audio ports', () => {
  it('reads an imported source as interleaved PCM at 48 kHz, or resampled to another rate', async () => {
    const cd = sine(44_100, 440, 44_100, 0.5);
    const path = await writeBytes(
      join(dir, 'cd.wav'),
      wavBytes({ kind: 'int', bits: 16, rate: 44_100, channels: [cd, cd] }),
    );
    const { media } = await project.importFile(path);
    const reader = studioSourceReader(project.env.services.library);
    const at48 = join(dir, 'at48.pcm');
    const got = await reader.toPcm({
      projectId: project.projectId,
      mediaHash: media.hash,
      path: at48,
      sampleRate: 48_000,
      signal,
    });
    expect(got.samples).toBe(48_000);
    const [left] = await project.session().audio.read(media.hash);
    const interleaved = await pcm(at48);
    expect(interleaved[2 * 1000]).toBe(left[1000]);
    const at16 = join(dir, 'at16.pcm');
    const low = await reader.toPcm({
      projectId: project.projectId,
      mediaHash: media.hash,
      path: at16,
      sampleRate: 16_000,
      signal,
    });
    expect(low.samples).toBe(16_000);
    expect((await pcm(at16)).length).toBe(32_000);
  });

  it('decodes media stored without an import, and refuses unknown hashes', async () => {
    const path = await writeBytes(
      join(dir, 'raw.wav'),
      wavBytes({ kind: 'int', bits: 16, rate: 48_000, channels: [sine(480, 100, 48_000)] }),
    );
    const row = await project
      .session()
      .addMediaFile(path, { name: 'raw.wav', mime: 'audio/wav' }, { now: 1 });
    const reader = studioSourceReader(project.env.services.library);
    const out = join(dir, 'raw.pcm');
    expect(
      (
        await reader.toPcm({
          projectId: project.projectId,
          mediaHash: row.hash,
          path: out,
          sampleRate: 48_000,
          signal,
        })
      ).samples,
    ).toBe(480);
    await expect(
      reader.toPcm({
        projectId: project.projectId,
        mediaHash: 'c'.repeat(64) as never,
        path: out,
        sampleRate: 48_000,
        signal,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stores a generated WAV as studio audio with its provenance, bit for bit', async () => {
    const left = Float64Array.from({ length: 4800 }, (_, i) => Math.fround(Math.sin(i / 7) * 0.9));
    const right = Float64Array.from({ length: 4800 }, (_, i) => Math.fround(Math.cos(i / 5) * 0.4));
    const wav = await writeBytes(
      join(dir, 'gen.wav'),
      wavBytes({ kind: 'float', bits: 32, rate: 48_000, channels: [left, right] }),
    );
    const sink = studioGeneratedSink(project.env.services.library);
    const provenance = { request: { caption: 'lofi' }, resolved: { seed: 7 } };
    const { mediaHash } = await sink.store({
      projectId: project.projectId,
      wavPath: wav,
      name: 'Take 1',
      provenance,
      signal,
    });
    const listed = project.session().audio.list();
    expect(listed).toEqual([
      expect.objectContaining({
        hash: mediaHash,
        origin: 'generated',
        name: 'Take 1',
        frames: 4800,
      }),
    ]);
    expect(project.session().store.audio.get(mediaHash)?.provenance).toEqual(provenance);
    const [l, r] = await project.session().audio.read(mediaHash);
    expect(Array.from(l)).toEqual(Array.from(left));
    expect(Array.from(r)).toEqual(Array.from(right));
    expect(await project.session().audio.peaksJson(mediaHash)).toMatchObject({ frames: 4800 });
  });
});
