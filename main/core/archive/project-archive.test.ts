import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ArtifactInfo, JobFinished } from '../../../app/contract/jobs.ts';
import type { ProjectSummary } from '../../../app/model/project.ts';
import { finishedJob, onFirstProgress } from '../../../tests/helpers/jobs.ts';
import { makeClip, makeTrack } from '../../../tests/helpers/project-fixtures.ts';
import { seededRandom } from '../../../tests/helpers/random.ts';
import { rawZip } from '../../../tests/helpers/raw-zip.ts';
import { startTestServices, type TestServices } from '../../../tests/helpers/services.ts';

/** An absolute entry name in a hostile archive: a file the import must never write. */
const EVIL_ABSOLUTE = join(tmpdir(), 'evil-layerline.txt');

describe('project archives', () => {
  let env: TestServices;
  beforeEach(async () => {
    env = await startTestServices();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  async function call<T>(method: string, params: unknown): Promise<T> {
    const answer = await env.services.dispatch(method, params);
    if (!answer.ok) {
      throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
    }
    return answer.value as T;
  }

  async function runJob(
    method: string,
    params: unknown,
    onStart?: (jobId: string) => void,
  ): Promise<JobFinished> {
    const job = { id: '' };
    const done = finishedJob(env.services, () => job.id);
    job.id = (await call<{ jobId: string }>(method, params)).jobId;
    onStart?.(job.id);
    return done;
  }

  async function projectWithMedia(mediaBytes: number) {
    const project = await call<ProjectSummary>('project.create', {
      name: 'Round trip',
      tempo: 128,
    });
    const file = join(env.dataDir, 'audio.bin');
    await writeFile(file, randomBytes(mediaBytes));
    const media = await env.services.library
      .session(project.projectId)
      .addMediaFile(file, { name: 'audio.wav', mime: 'audio/wav' }, { now: 1 });
    const random = seededRandom(11);
    const track = makeTrack(random, 'Vocals');
    await call('project.applyEdits', {
      projectId: project.projectId,
      baseRevision: 0,
      edits: [
        { op: 'track.add', track, index: 0 },
        { op: 'clip.add', clip: makeClip(random, track.id, media.hash) },
      ],
    });
    return { project, media };
  }

  async function importFile(path: string): Promise<JobFinished> {
    const bytes = (await stat(path)).size;
    const file = env.services.files.issue({ path, name: 'archive.layerline', bytes, owned: false });
    return runJob('project.importArchive', { file });
  }

  it('exports a project with its media and imports it back as a new project', async () => {
    const { project, media } = await projectWithMedia(300_000);
    const exported = await runJob('project.exportArchive', { projectId: project.projectId });
    expect(exported.status).toBe('succeeded');
    const artifact = exported.result as ArtifactInfo;
    expect(artifact.fileName).toBe('Round trip.layerline');
    const path = env.services.artifacts.resolve(artifact.artifactId).path;
    expect((await stat(path)).size).toBe(artifact.bytes);

    const imported = await importFile(path);
    expect(imported.status).toBe('succeeded');
    const copy = imported.result as ProjectSummary;
    expect(copy.projectId).not.toBe(project.projectId);
    expect(copy).toMatchObject({ name: 'Round trip', trackCount: 1 });
    const original = env.services.library.snapshot(project.projectId);
    const restored = env.services.library.snapshot(copy.projectId);
    expect(restored.state).toEqual(original.state);
    expect(restored.history).toEqual(original.history);
    const session = env.services.library.session(copy.projectId);
    expect(await session.media.verify(media.hash)).toBe(true);
    expect(await readFile(session.media.pathOf(media.hash))).toEqual(
      await readFile(env.services.library.session(project.projectId).media.pathOf(media.hash)),
    );
    env.services.library.undo(copy.projectId);
    expect(env.services.library.snapshot(copy.projectId).state.tracks).toHaveLength(0);
  });

  it('a cancelled export leaves no file behind', async () => {
    const { project } = await projectWithMedia(96 * 1024 * 1024);
    const off = onFirstProgress(env.services, 'write', (p) => {
      void env.services.dispatch('job.cancel', { jobId: p.jobId });
    });
    const outcome = await runJob('project.exportArchive', { projectId: project.projectId });
    off();
    expect(outcome).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
    expect(await readdir(env.services.paths.exportsDir)).toEqual([]);
  });

  it('a cancelled import leaves no project and no staging folder', async () => {
    const { project } = await projectWithMedia(96 * 1024 * 1024);
    const exported = await runJob('project.exportArchive', { projectId: project.projectId });
    const path = env.services.artifacts.resolve((exported.result as ArtifactInfo).artifactId).path;
    const off = onFirstProgress(env.services, 'read', (p) => {
      void env.services.dispatch('job.cancel', { jobId: p.jobId });
    });
    const outcome = await importFile(path);
    off();
    expect(outcome.status).toBe('cancelled');
    expect(env.services.library.list()).toHaveLength(1);
    expect(await readdir(env.services.library.projectsDir)).toEqual([project.projectId]);
  });

  describe('refuses hostile or damaged archives, leaving nothing behind', () => {
    const manifest = Buffer.from(
      JSON.stringify({
        format: 'layerline-project',
        formatVersion: 1,
        projectId: 'x',
        name: 'Evil',
        exportedAt: 1,
        media: [],
      }),
    );
    const cases: [string, () => Buffer | Promise<Buffer>, RegExp][] = [
      [
        'a traversal name',
        () =>
          rawZip([
            { name: 'layerline-project.json', data: manifest },
            { name: '../evil.txt', data: Buffer.from('x') },
          ]),
        /./,
      ],
      [
        'a traversal inside media/',
        () => rawZip([{ name: `media/../../evil.txt`, data: Buffer.from('x') }]),
        /./,
      ],
      ['an absolute path', () => rawZip([{ name: EVIL_ABSOLUTE, data: Buffer.from('x') }]), /./],
      ['a backslash path', () => rawZip([{ name: '..\\evil.txt', data: Buffer.from('x') }]), /./],
      [
        'an unexpected entry',
        () => rawZip([{ name: 'notes.txt', data: Buffer.from('x') }]),
        /unexpected entry/,
      ],
      [
        'a duplicated entry',
        () =>
          rawZip([
            { name: 'layerline-project.json', data: manifest },
            { name: 'layerline-project.json', data: manifest },
          ]),
        /appears twice/,
      ],
      [
        'media whose bytes do not match its name',
        () => rawZip([{ name: `media/${'a'.repeat(64)}`, data: Buffer.from('not that') }]),
        /damaged/,
      ],
      [
        'no manifest',
        () => rawZip([{ name: 'project.sqlite', data: Buffer.from('x') }]),
        /manifest is missing/,
      ],
      [
        'no database',
        () => rawZip([{ name: 'layerline-project.json', data: manifest }]),
        /database is missing/,
      ],
      [
        'a manifest that is not JSON',
        () => rawZip([{ name: 'layerline-project.json', data: Buffer.from('{nope') }]),
        /not JSON/,
      ],
      [
        'a database that is not SQLite',
        () =>
          rawZip([
            { name: 'layerline-project.json', data: manifest },
            { name: 'project.sqlite', data: Buffer.from('hello') },
          ]),
        /cannot be opened|not a Layerline project/,
      ],
      [
        'a lying entry size',
        () =>
          rawZip([
            {
              name: 'layerline-project.json',
              data: manifest,
              declaredSize: manifest.length + 1000,
            },
          ]),
        /./,
      ],
      ['plain text', () => Buffer.from('this is not a zip file at all'), /not a readable archive/],
      ['an empty file', () => Buffer.alloc(0), /not a readable archive/],
    ];
    for (const [label, build, message] of cases) {
      it(label, async () => {
        const path = join(env.dataDir, 'hostile.layerline');
        await writeFile(path, await build());
        const outcome = await importFile(path);
        expect(outcome.status).toBe('failed');
        expect(['VALIDATION_FAILED', 'UNSUPPORTED_FORMAT']).toContain(outcome.error?.code);
        expect(outcome.error?.message).toMatch(message);
        expect(env.services.library.list()).toEqual([]);
        expect(await readdir(env.services.library.projectsDir)).toEqual([]);
        expect(existsSync(join(env.dataDir, '..', 'evil.txt'))).toBe(false);
        expect(existsSync(EVIL_ABSOLUTE)).toBe(false);
      });
    }

    it('a truncated real archive', async () => {
      const { project } = await projectWithMedia(10_000);
      const exported = await runJob('project.exportArchive', { projectId: project.projectId });
      const path = env.services.artifacts.resolve(
        (exported.result as ArtifactInfo).artifactId,
      ).path;
      const bytes = await readFile(path);
      await env.services.library.delete(project.projectId);
      const truncated = join(env.dataDir, 'truncated.layerline');
      await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const outcome = await importFile(truncated);
      expect(outcome).toMatchObject({ status: 'failed', error: { code: 'UNSUPPORTED_FORMAT' } });
      expect(env.services.library.list()).toEqual([]);
    });
  });
});
