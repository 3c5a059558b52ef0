import { describe, expect, it } from 'vitest';

import type { JobState } from '../../../../app/contract/jobs.ts';
import type { JobId } from '../../../../app/model/ids.ts';
import { fakeStudio } from '../../testing/fake-studio.ts';
import { followJob } from './follow-job.ts';

const JOB_ID = '9d3c2b1a-0f0e-4d0c-8b0a-090807060504' as JobId;

const state = (status: JobState['status']): JobState => ({
  jobId: JOB_ID,
  kind: 'project.importArchive',
  label: 'Import “x.layerline”',
  projectId: null,
  status,
  progress: { phase: 'read', fraction: 0.5, overall: 0.4 },
  createdAt: 1,
  finishedAt: status === 'running' ? null : 2,
  result: null,
  error: status === 'failed' ? { code: 'UNSUPPORTED_FORMAT', message: 'Not an archive.' } : null,
});

describe('followJob', () => {
  it('resolves at once for a job that already finished', async () => {
    const studio = fakeStudio({ 'job.get': () => state('failed') });
    await expect(followJob(studio.client, JOB_ID)).resolves.toMatchObject({
      status: 'failed',
      error: { code: 'UNSUPPORTED_FORMAT' },
    });
    expect(studio.listenerCount()).toBe(0);
  });

  it('waits for the finished event of its own job', async () => {
    const studio = fakeStudio({ 'job.get': () => state('running') });
    const outcome = followJob(studio.client, JOB_ID);
    await Promise.resolve();
    studio.emit('job.finished', {
      jobId: '11111111-2222-4333-8444-555555555555',
      kind: 'project.importArchive',
      status: 'failed',
      result: null,
      error: null,
    });
    studio.emit('job.finished', {
      jobId: JOB_ID,
      kind: 'project.importArchive',
      status: 'cancelled',
      result: null,
      error: null,
    });
    await expect(outcome).resolves.toMatchObject({ jobId: JOB_ID, status: 'cancelled' });
    expect(studio.listenerCount()).toBe(0);
  });

  it('asks again after a reconnect, when the finished event may have been missed', async () => {
    let status: JobState['status'] = 'running';
    const studio = fakeStudio({ 'job.get': () => state(status) });
    const outcome = followJob(studio.client, JOB_ID);
    await new Promise((resolve) => setTimeout(resolve, 0));
    status = 'succeeded';
    studio.setConnected(false);
    studio.setConnected(true);
    await expect(outcome).resolves.toMatchObject({ status: 'succeeded' });
  });
});
