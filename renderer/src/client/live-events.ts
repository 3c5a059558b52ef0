/**
 * The one place where pushed events become cache updates. Returns the function that undoes
 * every subscription it made.
 */
import type { QueryClient } from '@tanstack/react-query';

import type { StudioClient } from '../../../app/contract/client.ts';
import type { JobProgressed, JobState } from '../../../app/contract/jobs.ts';
import type { ProjectSnapshot } from '../../../app/model/project.ts';
import { viewKey } from './project-view.ts';
import { JOB_LIST_KEY, methodKey, snapshotKey, studioKey } from './query-keys.ts';

export interface LiveEventOptions {
  /** Told when the event stream drops (false) or comes back (true). */
  onConnectionChange?: (connected: boolean) => void;
}

/** The job with its new progress (the extra jobId field in `progress` is harmless). */
function withProgress(job: JobState, progress: JobProgressed): JobState {
  return { ...job, progress };
}

export function attachLiveEvents(
  client: StudioClient,
  queryClient: QueryClient,
  options: LiveEventOptions = {},
): () => void {
  const offs: (() => void)[] = [];
  offs.push(
    client.on('library.changed', () => {
      void queryClient.invalidateQueries({ queryKey: methodKey('project.list') });
    }),
    client.on('project.changed', ({ projectId, revision }) => {
      // A snapshot already at this revision (our own optimistic edit) needs no refetch.
      const cached = queryClient.getQueryData<ProjectSnapshot>(snapshotKey(projectId));
      if (cached !== undefined && cached.revision >= revision) {
        return;
      }
      void queryClient.invalidateQueries({ queryKey: snapshotKey(projectId) });
    }),
    // timeline: the event carries the whole view, so no refetch is needed.
    client.on('project.viewChanged', ({ projectId, view }) => {
      queryClient.setQueryData(viewKey(projectId), view);
    }),
    client.on('job.started', (job) => {
      queryClient.setQueryData(studioKey('job.get', { jobId: job.jobId }), job);
      void queryClient.invalidateQueries({ queryKey: JOB_LIST_KEY });
    }),
    client.on('job.progressed', (progress) => {
      // Progress is frequent: patch the cache in place instead of refetching.
      queryClient.setQueryData<JobState[]>(JOB_LIST_KEY, (jobs) =>
        jobs?.map((job) => (job.jobId === progress.jobId ? withProgress(job, progress) : job)),
      );
      queryClient.setQueryData<JobState>(studioKey('job.get', { jobId: progress.jobId }), (job) =>
        job === undefined ? undefined : withProgress(job, progress),
      );
    }),
    client.on('job.finished', ({ jobId, kind }) => {
      void queryClient.invalidateQueries({ queryKey: JOB_LIST_KEY });
      if (kind === 'media.import') {
        // timeline: a new media item (any window's import) has frames and peaks to show.
        void queryClient.invalidateQueries({ queryKey: methodKey('media.list') });
      }
      void queryClient.invalidateQueries({ queryKey: studioKey('job.get', { jobId }) });
    }),
  );
  let dropped = false;
  offs.push(
    client.onConnectionChange((connected) => {
      if (!connected) {
        dropped = true;
      } else if (dropped) {
        // Events were missed while the stream was down: everything may be stale.
        dropped = false;
        void queryClient.invalidateQueries();
      }
      options.onConnectionChange?.(connected);
    }),
  );
  return () => {
    for (const off of offs) {
      off();
    }
  };
}
