/** Waits for one job's outcome, whether it finishes before or after we start listening. */
import type { StudioClient } from '../../../../app/contract/client.ts';
import type { FinalJobStatus, JobKind } from '../../../../app/contract/jobs.ts';
import type { WireError } from '../../../../app/errors.ts';
import type { JobId } from '../../../../app/model/ids.ts';

export interface JobOutcome {
  jobId: JobId;
  kind: JobKind;
  status: FinalJobStatus;
  result: unknown;
  error: WireError | null;
}

/**
 * Resolves with the job's outcome. Listens first, then asks `job.get`, so a job that finished
 * in between is not missed; asks again whenever the event stream reconnects.
 */
export function followJob(client: StudioClient, jobId: JobId): Promise<JobOutcome> {
  return new Promise<JobOutcome>((resolve, reject) => {
    let settled = false;
    const offs: (() => void)[] = [];
    const stop = () => {
      settled = true;
      for (const off of offs) {
        off();
      }
    };
    const finish = (outcome: JobOutcome) => {
      if (!settled) {
        stop();
        resolve(outcome);
      }
    };
    const check = () => {
      client.call('job.get', { jobId }).then(
        (state) => {
          const { status } = state;
          if (status !== 'running') {
            finish({ jobId, kind: state.kind, status, result: state.result, error: state.error });
          }
        },
        (error: unknown) => {
          if (!settled) {
            stop();
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
      );
    };
    offs.push(
      client.on('job.finished', (event) => {
        if (event.jobId === jobId) {
          finish(event);
        }
      }),
      client.onConnectionChange((connected) => {
        if (connected) {
          check();
        }
      }),
    );
    check();
  });
}
