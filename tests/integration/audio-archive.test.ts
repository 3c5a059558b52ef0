/** Imported audio travels with its project: archive round trip and duplicate keep it whole. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ArtifactInfo } from '../../app/contract/jobs.ts';
import type { AudioImportResult } from '../../app/model/media.ts';
import type { ProjectSummary } from '../../app/model/project.ts';
import { sine, wavBytes } from '../helpers/audio-fixtures.ts';
import { finishedJob } from '../helpers/jobs.ts';
import { startTestServices, type TestServices } from '../helpers/services.ts';

describe('audio media in archives and duplicates', () => {
  let env: TestServices;
  beforeEach(async () => {
    env = await startTestServices();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  async function job(method: string, params: unknown): Promise<unknown> {
    const state = { id: '' };
    const done = finishedJob(env.services, () => state.id);
    const answer = await env.services.dispatch(method, params);
    if (!answer.ok) {
      throw new Error(answer.error.message);
    }
    state.id = (answer.value as { jobId: string }).jobId;
    const finished = await done;
    expect(finished.status).toBe('succeeded');
    return finished.result;
  }

  it('keeps the studio file, the original, their rows and (rebuilt) peaks', async () => {
    const { projectId } = await env.services.library.create({ name: 'Travels' });
    const path = join(env.dataDir, 'take.wav');
    await writeFile(
      path,
      wavBytes({ kind: 'int', bits: 24, rate: 44_100, channels: [sine(22_050, 300, 44_100)] }),
    );
    const file = env.services.files.issue({ path, name: 'take.wav', bytes: 1, owned: false });
    const imported = (await job('media.import', { projectId, file })) as AudioImportResult;
    const original = env.services.library.session(projectId);
    const peaks = await original.audio.peaksJson(imported.media.hash);

    const artifact = (await job('project.exportArchive', { projectId })) as ArtifactInfo;
    const archive = env.services.artifacts.resolve(artifact.artifactId).path;
    const token = env.services.files.issue({
      path: archive,
      name: 'a.layerline',
      bytes: 1,
      owned: false,
    });
    const restored = (await job('project.importArchive', { file: token })) as ProjectSummary;
    const copy = await env.services.library.duplicate(projectId);

    for (const id of [restored.projectId, copy.projectId]) {
      const session = env.services.library.session(id);
      expect(session.audio.list()).toEqual(original.audio.list());
      const [left] = await session.audio.read(imported.media.hash);
      const [reference] = await original.audio.read(imported.media.hash);
      expect(Buffer.from(left.buffer).equals(Buffer.from(reference.buffer))).toBe(true);
      expect(await session.media.verify(imported.media.sources[0]!.hash)).toBe(true);
      expect(await session.audio.peaksJson(imported.media.hash)).toEqual(peaks);
    }
  });
});
