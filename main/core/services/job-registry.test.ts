import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { JobFinished, JobProgressed } from '../../../app/contract/jobs.ts';
import { StudioError } from '../../../app/errors.ts';
import { noopLogger } from '../../../app/log.ts';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp-dir.ts';
import { type LibraryDb, openLibraryDb } from '../db/library-db.ts';
import { EventBus } from './event-bus.ts';
import { JobRegistry } from './job-registry.ts';

const summary = {
  projectId: '00000000-0000-4000-8000-000000000000',
  name: 'x',
  createdAt: 1,
  updatedAt: 1,
  openedAt: null,
  trackCount: 0,
};

describe('JobRegistry', () => {
  let dir: string;
  let db: LibraryDb;
  let events: EventBus;
  let seen: { event: string; payload: unknown }[];
  beforeEach(async () => {
    dir = await makeTempDir();
    db = openLibraryDb(`${dir}/library.sqlite`, noopLogger);
    events = new EventBus(noopLogger);
    seen = [];
    events.subscribe((event, payload) => seen.push({ event, payload }));
  });
  afterEach(async () => {
    db.close();
    await removeDir(dir);
  });

  const registry = () => new JobRegistry(db.jobs, events, noopLogger, () => Date.now());
  const progressed = () =>
    seen.filter((e) => e.event === 'job.progressed').map((e) => e.payload as JobProgressed);
  const finished = () =>
    seen.filter((e) => e.event === 'job.finished').map((e) => e.payload as JobFinished);

  it('reports monotonic, throttled progress and finishes with the result', async () => {
    const jobs = registry();
    const jobId = jobs.start({
      kind: 'project.importArchive',
      label: 'Import',
      projectId: null,
      plan: [
        ['read', 0.5],
        ['verify', 0.5],
      ],
      run: async ({ progress }) => {
        for (let i = 0; i <= 200; i += 1) {
          progress('read', i / 200);
          if (i % 50 === 0) {
            await new Promise((resolve) => setTimeout(resolve, 30));
          }
        }
        progress('read', 0.1); // a late, lower report must not move the bar back
        progress('verify', 1);
        return summary;
      },
    });
    await jobs.settled(jobId);
    const overall = progressed().map((p) => p.overall);
    expect(overall.length).toBeGreaterThan(1);
    expect(overall.length).toBeLessThan(40);
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    expect(finished()).toEqual([
      { jobId, kind: 'project.importArchive', status: 'succeeded', result: summary, error: null },
    ]);
    expect(jobs.get(jobId)).toMatchObject({
      status: 'succeeded',
      progress: { overall: 1 },
      result: summary,
    });
    expect(seen[0]?.event).toBe('job.started');
  });

  it('cancels through the signal and records cancelled, not failed', async () => {
    const jobs = registry();
    const jobId = jobs.start({
      kind: 'project.exportArchive',
      label: 'Export',
      projectId: null,
      plan: [['write', 1]],
      run: ({ signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            reject(new StudioError('CANCELLED', 'stopped'));
          });
        }),
    });
    jobs.cancel(jobId);
    await jobs.settled(jobId);
    expect(jobs.get(jobId)).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
    expect(finished()[0]).toMatchObject({ status: 'cancelled' });
  });

  it('keeps typed errors and hides unexpected ones', async () => {
    const jobs = registry();
    const typed = jobs.start({
      kind: 'project.importArchive',
      label: 'Typed',
      projectId: null,
      plan: [['read', 1]],
      run: () => Promise.reject(new StudioError('UNSUPPORTED_FORMAT', 'not a zip')),
    });
    const crash = jobs.start({
      kind: 'project.importArchive',
      label: 'Crash',
      projectId: null,
      plan: [['read', 1]],
      run: () => Promise.reject(new TypeError('undefined is not a function')),
    });
    await jobs.settled(typed);
    await jobs.settled(crash);
    expect(jobs.get(typed).error).toEqual({ code: 'UNSUPPORTED_FORMAT', message: 'not a zip' });
    expect(jobs.get(crash).error?.code).toBe('INTERNAL');
    expect(jobs.get(crash).error?.message).not.toContain('undefined is not a function');
  });

  it('marks jobs that were running when the process died as failed', () => {
    const jobs = registry();
    const jobId = jobs.start({
      kind: 'project.exportArchive',
      label: 'Never ends',
      projectId: null,
      plan: [['write', 1]],
      run: () => new Promise(() => undefined),
    });
    expect(jobs.get(jobId).status).toBe('running');
    const restarted = registry();
    expect(restarted.get(jobId)).toMatchObject({ status: 'failed', error: { code: 'INTERNAL' } });
    expect(restarted.list().map((j) => j.jobId)).toEqual([jobId]);
    expect(() => restarted.get('11111111-1111-4111-8111-111111111111' as never)).toThrow(/No job/);
  });
});
