/**
 * Starting a workflow from a panel and following it: its job's progress, then the outcome.
 * When it succeeds the placed clips are selected on the timeline (the project and media
 * queries refresh through project.changed and here). Every run is also in the jobs tray,
 * after a reload or a restart too, with its outcome and a retry.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';

import type { JobProgress } from '../../../../app/contract/jobs.ts';
import type { WireError } from '../../../../app/errors.ts';
import type { ClipId, JobId, ProjectId } from '../../../../app/model/ids.ts';
import type { WorkflowParamsInput } from '../../../../app/workflows/workflow-params.ts';
import { WorkflowResult } from '../../../../app/workflows/workflow-result.ts';
import { JOB_LIST_KEY, methodKey } from '../../client/query-keys.ts';
import { useStudioClient } from '../../client/studio-context.tsx';
import { useErrorToast } from '../../ui/Toasts.tsx';
import { followJob } from '../jobs/follow-job.ts';
import { useTimeline } from '../timeline/timeline-store.ts';

export type RunState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'running'; jobId: JobId; label: string; progress: JobProgress | null }
  | { status: 'succeeded'; jobId: JobId; label: string; result: WorkflowResult }
  | { status: 'failed' | 'cancelled'; jobId: JobId; label: string; error: WireError | null };

export interface WorkflowRun {
  state: RunState;
  start: (params: WorkflowParamsInput) => void;
  /** Runs what made a clip again (workflow.regenerate: new takes for songs and layers). */
  regenerate: (clipId: ClipId) => void;
  cancel: () => void;
  retry: () => void;
  /** Selects the run's clips on the timeline and scrolls to the first. */
  show: () => void;
}

export function useWorkflowRun(projectId: ProjectId): WorkflowRun {
  const client = useStudioClient();
  const queryClient = useQueryClient();
  const timeline = useTimeline();
  const showError = useErrorToast();
  const [state, setState] = useState<RunState>({ status: 'idle' });

  const follow = useCallback(
    async (jobId: JobId) => {
      const job = await client.call('job.get', { jobId });
      setState({ status: 'running', jobId, label: job.label, progress: job.progress });
      const outcome = await followJob(client, jobId);
      void queryClient.invalidateQueries({ queryKey: methodKey('media.list') });
      void queryClient.invalidateQueries({ queryKey: JOB_LIST_KEY });
      const result = WorkflowResult.safeParse(outcome.result);
      if (outcome.status === 'succeeded' && result.success) {
        setState({ status: 'succeeded', jobId, label: job.label, result: result.data });
        timeline.state.set({ selectedClipIds: result.data.clipIds });
        return;
      }
      setState({
        status: outcome.status === 'cancelled' ? 'cancelled' : 'failed',
        jobId,
        label: job.label,
        error: outcome.error,
      });
    },
    [client, queryClient, timeline],
  );

  // Progress of the job being followed.
  const runningJob = state.status === 'running' ? state.jobId : null;
  useEffect(() => {
    if (runningJob === null) {
      return undefined;
    }
    return client.on('job.progressed', (event) => {
      if (event.jobId === runningJob) {
        setState((current) =>
          current.status === 'running' && current.jobId === runningJob
            ? { ...current, progress: event }
            : current,
        );
      }
    });
  }, [client, runningJob]);

  const launch = useCallback(
    (started: Promise<{ jobId: JobId }>) => {
      setState({ status: 'starting' });
      started
        .then(({ jobId }) => follow(jobId))
        .catch((error: unknown) => {
          setState({ status: 'idle' });
          showError(error);
        });
    },
    [follow, showError],
  );

  const start = useCallback(
    (params: WorkflowParamsInput) => {
      launch(client.call('workflow.start', { projectId, workflow: params }));
    },
    [client, launch, projectId],
  );

  const regenerate = useCallback(
    (clipId: ClipId) => {
      launch(client.call('workflow.regenerate', { projectId, clipId, newSeeds: true }));
    },
    [client, launch, projectId],
  );

  const jobId = 'jobId' in state ? state.jobId : null;
  const cancel = useCallback(() => {
    if (jobId !== null) {
      client.call('job.cancel', { jobId }).catch(showError);
    }
  }, [client, jobId, showError]);
  const retry = useCallback(() => {
    if (jobId !== null) {
      launch(client.call('workflow.retry', { jobId }));
    }
  }, [client, jobId, launch]);
  const placed = state.status === 'succeeded' ? state.result.clipIds : null;
  const show = useCallback(() => {
    if (placed !== null) {
      timeline.state.set({ selectedClipIds: placed });
    }
  }, [placed, timeline]);
  return { state, start, regenerate, cancel, retry, show };
}
