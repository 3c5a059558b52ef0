/** Exponential backoff with jitter, abortable; only errors the caller calls transient retry. */
import { cancelledError, throwIfCancelled } from '../../../../app/errors.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** 0..1 of the delay, drawn uniformly and added. */
  jitter: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  jitter: 0.25,
};

/** The wait before attempt `attempt` (1-based, counting the first retry as 1). */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(base * (1 + policy.jitter * random()));
}

/** Resolves after `ms`, or rejects with CANCELLED as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  throwIfCancelled(signal);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError(signal.reason));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `work` until it succeeds, fails with an error `isTransient` rejects, or runs out of
 * attempts (then the last error is thrown). `onRetry` hears each wait before it starts.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  signal: AbortSignal,
  isTransient: (error: unknown) => boolean,
  work: (attempt: number) => Promise<T>,
  onRetry: (info: { attempt: number; delayMs: number; error: unknown }) => void = () => undefined,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (signal.aborted || attempt >= policy.attempts || !isTransient(error)) {
        throw signal.aborted ? cancelledError(signal.reason) : error;
      }
      const delayMs = backoffDelayMs(policy, attempt);
      onRetry({ attempt, delayMs, error });
      await abortableSleep(delayMs, signal);
    }
  }
}
