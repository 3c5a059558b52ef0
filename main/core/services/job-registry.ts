/**
 * Runs jobs: a row per job in the library, progress that is monotonic and throttled, and an
 * outcome (`job.finished`) that always follows. Cancelling aborts the job's signal.
 */
import { randomUUID } from 'node:crypto';

import type { z } from 'zod';

import type { JobKind, JobProgress, JobResults, JobState } from '../../../app/contract/jobs.ts';
import {
  cancelledError,
  isStudioError,
  StudioError,
  throwIfCancelled,
} from '../../../app/errors.ts';
import { type JobPhase, overallProgress, type PhasePlan } from '../../../app/jobs/progress.ts';
import { errorFields, type Logger } from '../../../app/log.ts';
import type { JobId, ProjectId } from '../../../app/model/ids.ts';
import type { JobRepo } from '../db/library-db.ts';
import type { EventBus } from './event-bus.ts';

/** At most this many progress events per second per job; the last one is always sent. */
const EVENTS_PER_SECOND = 10;
const PERSIST_INTERVAL_MS = 1000;

/** Optional detail of a progress report; `etaMs` replaces the registry's own estimate. */
export interface ProgressExtra {
  step?: number;
  totalSteps?: number;
  bytesDone?: number;
  bytesTotal?: number;
  bytesPerSecond?: number;
  etaMs?: number;
}

export interface JobContext {
  signal: AbortSignal;
  log: Logger;
  /** Reports progress within `phase` (0..1); overall progress follows the job's phase plan. */
  progress: (phase: JobPhase, fraction: number, extra?: ProgressExtra) => void;
}

export interface JobSpec<K extends JobKind> {
  kind: K;
  label: string;
  projectId: ProjectId | null;
  plan: PhasePlan;
  run(context: JobContext): Promise<z.input<(typeof JobResults)[K]>>;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

export class JobRegistry {
  readonly #repo: JobRepo;
  readonly #events: EventBus;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #running = new Map<JobId, Running>();

  constructor(repo: JobRepo, events: EventBus, log: Logger, now: () => number) {
    this.#repo = repo;
    this.#events = events;
    this.#log = log.child('jobs');
    this.#now = now;
    const interrupted = repo.failInterrupted(
      { code: 'INTERNAL', message: 'The studio stopped while this job was running.' },
      now(),
    );
    if (interrupted > 0) {
      this.#log.warn('jobs.interrupted', { count: interrupted });
    }
  }

  start<K extends JobKind>(spec: JobSpec<K>): JobId {
    const jobId = randomUUID() as JobId;
    const createdAt = this.#now();
    const state: JobState = {
      jobId,
      kind: spec.kind,
      label: spec.label,
      projectId: spec.projectId,
      status: 'running',
      progress: { phase: 'queued', fraction: 0, overall: 0 },
      createdAt,
      finishedAt: null,
      result: null,
      error: null,
    };
    this.#repo.insert(state);
    this.#events.emit('job.started', state);
    const controller = new AbortController();
    const running: Running = { controller, done: Promise.resolve() };
    this.#running.set(jobId, running);
    running.done = this.#run(state, spec, controller.signal).finally(() => {
      this.#running.delete(jobId);
    });
    return jobId;
  }

  async #run<K extends JobKind>(
    state: JobState,
    spec: JobSpec<K>,
    signal: AbortSignal,
  ): Promise<void> {
    const log = this.#log.child(spec.kind).child(state.jobId.slice(0, 8));
    const reporter = this.#reporter(state, spec.plan);
    log.info('job.started', { kind: spec.kind });
    let finished: JobState;
    try {
      await Promise.resolve();
      throwIfCancelled(signal);
      const result = await spec.run({ signal, log, progress: reporter.report });
      if (signal.aborted) {
        throw cancelledError(signal.reason);
      }
      finished = { ...state, status: 'succeeded', progress: reporter.final(true), result };
    } catch (error) {
      const cancelled = signal.aborted || isStudioError(error, 'CANCELLED');
      const wire = cancelled
        ? cancelledError(signal.reason).toWire()
        : isStudioError(error)
          ? error.toWire()
          : new StudioError('INTERNAL', 'The job failed unexpectedly.').toWire();
      if (cancelled) {
        log.info('job.cancelled');
      } else {
        log.error('job.failed', { ...errorFields(error) });
      }
      finished = {
        ...state,
        status: cancelled ? 'cancelled' : 'failed',
        progress: reporter.final(false),
        error: wire,
      };
    }
    finished.finishedAt = this.#now();
    reporter.stop();
    try {
      this.#repo.finish(finished);
    } catch (error) {
      log.error('job.persist_failed', { ...errorFields(error) });
    }
    this.#events.emit('job.finished', {
      jobId: finished.jobId,
      kind: finished.kind,
      status: finished.status === 'running' ? 'failed' : finished.status,
      result: finished.result,
      error: finished.error,
    });
  }

  /** Throttled, monotonic progress reporting for one job. */
  #reporter(state: JobState, plan: PhasePlan) {
    let latest: JobProgress = state.progress;
    let lastSentAt = 0;
    let lastPersistAt = 0;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const startedAt = this.#now();
    const send = () => {
      pending = null;
      lastSentAt = this.#now();
      this.#events.emit('job.progressed', { jobId: state.jobId, ...latest });
      if (lastSentAt - lastPersistAt >= PERSIST_INTERVAL_MS) {
        lastPersistAt = lastSentAt;
        this.#repo.saveProgress(state.jobId, latest);
      }
    };
    return {
      report: (phase: JobPhase, fraction: number, extra: ProgressExtra = {}) => {
        const overall = Math.max(latest.overall, overallProgress(plan, phase, fraction));
        const elapsed = this.#now() - startedAt;
        latest = {
          phase,
          fraction: Math.min(1, Math.max(0, fraction)),
          overall,
          ...(overall > 0.02 ? { etaMs: Math.round((elapsed * (1 - overall)) / overall) } : {}),
          ...extra,
        };
        const wait = 1000 / EVENTS_PER_SECOND - (this.#now() - lastSentAt);
        if (wait <= 0) {
          send();
        } else {
          pending ??= setTimeout(send, wait);
        }
      },
      final: (succeeded: boolean): JobProgress =>
        succeeded ? { phase: latest.phase, fraction: 1, overall: 1 } : { ...latest },
      stop: () => {
        if (pending !== null) {
          clearTimeout(pending);
        }
      },
    };
  }

  /** Aborts a running job; `reason` (a CANCELLED error) becomes its outcome's message. */
  cancel(jobId: JobId, reason = new StudioError('CANCELLED', 'Cancelled by the user.')): void {
    this.#running.get(jobId)?.controller.abort(reason);
  }

  get(jobId: JobId): JobState {
    const job = this.#repo.get(jobId);
    if (job === null) {
      throw new StudioError('NOT_FOUND', `No job ${jobId}.`, { jobId });
    }
    return job;
  }

  list(): JobState[] {
    return this.#repo.recent(100);
  }

  /** Resolves when the job has finished (for tests and shutdown). */
  async settled(jobId: JobId): Promise<void> {
    await this.#running.get(jobId)?.done;
  }

  async dispose(): Promise<void> {
    const running = [...this.#running.values()];
    for (const job of running) {
      job.controller.abort(new StudioError('CANCELLED', 'The studio is shutting down.'));
    }
    await Promise.all(running.map((job) => job.done));
  }
}
