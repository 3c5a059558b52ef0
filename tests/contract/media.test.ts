/** media.import and media.list over every transport: a file token in, studio audio out. */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ProjectId } from '../../app/model/ids.ts';
import type { AudioImportResult } from '../../app/model/media.ts';
import { sine, wavBytes } from '../helpers/audio-fixtures.ts';
import { type Harness, harnesses } from './harness.ts';

describe.each(harnesses)('media over $name', (factory) => {
  let h: Harness;
  beforeEach(async () => {
    h = await factory.start();
  });
  afterEach(async () => {
    await h.close();
  });

  async function runImport(projectId: ProjectId, path: string) {
    const file = await h.provideFile(path);
    let jobId = '';
    const phases: string[] = [];
    const finished = new Promise<{ status: string; result: unknown; error: unknown }>((resolve) => {
      const offProgress = h.client.on('job.progressed', (p) => {
        if (p.jobId === jobId) {
          phases.push(p.phase);
        }
      });
      const off = h.client.on('job.finished', (job) => {
        if (job.jobId === jobId) {
          off();
          offProgress();
          resolve(job);
        }
      });
    });
    await h.eventsReady();
    jobId = (await h.client.call('media.import', { projectId: projectId, file })).jobId;
    return { job: await finished, phases };
  }

  it('imports a WAV from a token as a job and lists it', async () => {
    const { projectId } = await h.client.call('project.create', { name: 'Media' });
    const path = join(h.env.dataDir, 'tone.wav');
    await writeFile(
      path,
      wavBytes({ kind: 'int', bits: 24, rate: 44_100, channels: [sine(44_100, 440, 44_100)] }),
    );
    const { job, phases } = await runImport(projectId, path);
    expect(job.status).toBe('succeeded');
    const result = job.result as AudioImportResult;
    expect(result.media).toMatchObject({ name: 'tone.wav', frames: 48_000, origin: 'import' });
    expect(result.media.sources).toEqual([
      expect.objectContaining({
        format: 'WAV',
        encoding: '24-bit integer',
        sampleRate: 44_100,
        channels: 1,
      }),
    ]);
    // Progress is throttled: which phases show depends on timing, but only the plan's appear.
    expect(phases.every((phase) => ['read', 'decode', 'write'].includes(phase))).toBe(true);
    const listed = await h.client.call('media.list', { projectId });
    expect(listed.map((m) => m.hash)).toEqual([result.media.hash]);
  });

  it('cancels an import on job.cancel and keeps nothing of it', async () => {
    const { projectId } = await h.client.call('project.create', { name: 'Media' });
    const path = join(h.env.dataDir, 'long.wav');
    const long = sine(44_100 * 60, 220, 44_100);
    await writeFile(
      path,
      wavBytes({ kind: 'int', bits: 16, rate: 44_100, channels: [long, long] }),
    );
    const file = await h.provideFile(path);
    let jobId = '';
    let cancelled = false;
    const finished = new Promise<{ status: string }>((resolve) => {
      const offProgress = h.client.on('job.progressed', (p) => {
        if (p.jobId === jobId && !cancelled) {
          cancelled = true;
          void h.client.call('job.cancel', { jobId: p.jobId });
        }
      });
      const off = h.client.on('job.finished', (job) => {
        if (job.jobId === jobId) {
          off();
          offProgress();
          resolve(job);
        }
      });
    });
    await h.eventsReady();
    jobId = (await h.client.call('media.import', { projectId, file })).jobId;
    expect((await finished).status).toBe('cancelled');
    expect(await h.client.call('media.list', { projectId })).toEqual([]);
    const session = h.env.services.library.session(projectId);
    expect(session.store.listMedia()).toEqual([]);
    const names = await readdir(session.media.folder).catch(() => []);
    expect(names).toEqual([]);
  });

  it('fails the job with UNSUPPORTED_FORMAT for a file that is not audio', async () => {
    const { projectId } = await h.client.call('project.create', { name: 'Media' });
    const path = join(h.env.dataDir, 'fake.mp3');
    await writeFile(path, '%PDF-1.7 not audio at all');
    const { job } = await runImport(projectId, path);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'UNSUPPORTED_FORMAT' } });
    expect(await h.client.call('media.list', { projectId })).toEqual([]);
  });
});
