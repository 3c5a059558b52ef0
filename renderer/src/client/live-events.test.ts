import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';

import type { JobState } from '../../../app/contract/jobs.ts';
import type { JobId } from '../../../app/model/ids.ts';
import { fakeStudio, makeSnapshot, PROJECT_A, PROJECT_B } from '../testing/fake-studio.ts';
import { attachLiveEvents } from './live-events.ts';
import { JOB_LIST_KEY, snapshotKey, studioKey } from './query-keys.ts';

const JOB_ID = '9d3c2b1a-0f0e-4d0c-8b0a-090807060504' as JobId;

const job: JobState = {
  jobId: JOB_ID,
  kind: 'project.exportArchive',
  label: 'Export “Demo”',
  projectId: PROJECT_A,
  status: 'running',
  progress: { phase: 'queued', fraction: 0, overall: 0 },
  createdAt: 1,
  finishedAt: null,
  result: null,
  error: null,
};

function seededCache() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(studioKey('project.list', {}), []);
  queryClient.setQueryData(studioKey('project.list', { query: 'alp' }), []);
  queryClient.setQueryData(snapshotKey(PROJECT_A), makeSnapshot({ revision: 3 }));
  queryClient.setQueryData(snapshotKey(PROJECT_B), makeSnapshot({ projectId: PROJECT_B }));
  queryClient.setQueryData(JOB_LIST_KEY, [job]);
  return queryClient;
}

const invalidated = (queryClient: QueryClient, key: readonly unknown[]) =>
  queryClient.getQueryState(key)?.isInvalidated === true;

describe('attachLiveEvents', () => {
  it('library.changed invalidates every project.list query and nothing else', () => {
    const studio = fakeStudio();
    const queryClient = seededCache();
    attachLiveEvents(studio.client, queryClient);
    studio.emit('library.changed', {});
    expect(invalidated(queryClient, studioKey('project.list', {}))).toBe(true);
    expect(invalidated(queryClient, studioKey('project.list', { query: 'alp' }))).toBe(true);
    expect(invalidated(queryClient, snapshotKey(PROJECT_A))).toBe(false);
    expect(invalidated(queryClient, JOB_LIST_KEY)).toBe(false);
  });

  it('project.changed invalidates that project only, unless the cache is already there', () => {
    const studio = fakeStudio();
    const queryClient = seededCache();
    attachLiveEvents(studio.client, queryClient);
    studio.emit('project.changed', { projectId: PROJECT_A, revision: 3 });
    expect(invalidated(queryClient, snapshotKey(PROJECT_A))).toBe(false);
    studio.emit('project.changed', { projectId: PROJECT_A, revision: 4 });
    expect(invalidated(queryClient, snapshotKey(PROJECT_A))).toBe(true);
    expect(invalidated(queryClient, snapshotKey(PROJECT_B))).toBe(false);
    expect(invalidated(queryClient, studioKey('project.list', {}))).toBe(false);
  });

  it('job events patch progress in place and refetch the list on start and finish', () => {
    const studio = fakeStudio();
    const queryClient = seededCache();
    attachLiveEvents(studio.client, queryClient);
    studio.emit('job.progressed', {
      jobId: JOB_ID,
      phase: 'write',
      fraction: 0.5,
      overall: 0.55,
      etaMs: 1200,
    });
    const [patched] = queryClient.getQueryData<JobState[]>(JOB_LIST_KEY) ?? [];
    expect(patched?.progress).toMatchObject({ phase: 'write', overall: 0.55, etaMs: 1200 });
    expect(invalidated(queryClient, JOB_LIST_KEY)).toBe(false);

    studio.emit('job.finished', {
      jobId: JOB_ID,
      kind: 'project.exportArchive',
      status: 'cancelled',
      result: null,
      error: { code: 'CANCELLED', message: 'The operation was cancelled.' },
    });
    expect(invalidated(queryClient, JOB_LIST_KEY)).toBe(true);

    const fresh = seededCache();
    attachLiveEvents(studio.client, fresh);
    studio.emit('job.started', job);
    expect(invalidated(fresh, JOB_LIST_KEY)).toBe(true);
    expect(fresh.getQueryData(studioKey('job.get', { jobId: JOB_ID }))).toEqual(job);
  });

  it('after the stream drops and returns, everything is invalidated once', () => {
    const studio = fakeStudio();
    const queryClient = seededCache();
    const onConnectionChange = vi.fn();
    attachLiveEvents(studio.client, queryClient, { onConnectionChange });
    studio.setConnected(true);
    expect(invalidated(queryClient, snapshotKey(PROJECT_B))).toBe(false);
    studio.setConnected(false);
    expect(invalidated(queryClient, snapshotKey(PROJECT_B))).toBe(false);
    studio.setConnected(true);
    expect(invalidated(queryClient, snapshotKey(PROJECT_B))).toBe(true);
    expect(invalidated(queryClient, studioKey('project.list', {}))).toBe(true);
    expect(onConnectionChange.mock.calls).toEqual([[true], [false], [true]]);
  });

  it('ignores malformed payloads and stops listening once detached', () => {
    const studio = fakeStudio();
    const queryClient = seededCache();
    const detach = attachLiveEvents(studio.client, queryClient);
    studio.emit('project.changed', { projectId: 'not-an-id', revision: 9 });
    expect(invalidated(queryClient, snapshotKey(PROJECT_A))).toBe(false);
    expect(studio.listenerCount()).toBeGreaterThan(0);
    detach();
    expect(studio.listenerCount()).toBe(0);
    studio.emit('library.changed', {});
    expect(invalidated(queryClient, studioKey('project.list', {}))).toBe(false);
  });
});
