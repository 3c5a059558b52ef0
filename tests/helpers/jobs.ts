/** Waiting for jobs through the events a client would see. */
import type { JobFinished, JobProgressed } from '../../app/contract/jobs.ts';
import type { Services } from '../../main/core/compose.ts';

/** Resolves with the job.finished payload of `jobId` (subscribe before starting the job). */
export function finishedJob(
  services: Services,
  jobId: () => string | undefined,
): Promise<JobFinished> {
  return new Promise((resolve) => {
    const off = services.events.subscribe((event, payload) => {
      const finished = payload as JobFinished;
      if (event === 'job.finished' && finished.jobId === jobId()) {
        off();
        resolve(finished);
      }
    });
  });
}

/** Calls `onFirst` once, on the first job.progressed event in `phase`. */
export function onFirstProgress(
  services: Services,
  phase: string,
  onFirst: (progress: JobProgressed) => void,
): () => void {
  let fired = false;
  return services.events.subscribe((event, payload) => {
    const progress = payload as JobProgressed;
    if (!fired && event === 'job.progressed' && progress.phase === phase && progress.fraction > 0) {
      fired = true;
      onFirst(progress);
    }
  });
}
