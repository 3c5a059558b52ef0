/**
 * The studio's side of the inference process: starts it on first use (through the host's
 * Channel: a utility process in Electron, a child process in server mode and tests), runs tasks
 * one at a time, relays progress, and survives the child: a crash fails the running task with
 * INFERENCE_PROCESS_CRASHED and the next task starts a fresh process. Cancelling sends
 * `task.cancel`; if the child has not stopped after the grace period (it may be stuck inside
 * one long ORT call), it is killed and the task ends cancelled. It keeps the child's latest
 * `session.loaded` reports: the execution provider actually in use (`providerStatus`).
 */
import { randomUUID } from 'node:crypto';

import type {
  InferenceStatus,
  SessionProviderReport,
} from '../../../../app/contract/inference-status.ts';
import { cancelledError, StudioError } from '../../../../app/errors.ts';
import type { Logger } from '../../../../app/log.ts';
import type { Channel, ChannelFactory } from '../../ports.ts';
import { FromChild, type InitMessage, type ToChild } from './protocol.ts';

export interface InferenceClientOptions {
  channel: ChannelFactory;
  init: Omit<InitMessage, 'type'>;
  log: Logger;
  /** How long a cancelled task may take to stop before the process is killed (ms). */
  cancelGraceMs?: number;
  /** How long a new process may take to answer `init` (ms). */
  startTimeoutMs?: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: unknown) => void;
}

interface Pending {
  taskId: string;
  resolve: (value: unknown) => void;
  reject: (error: StudioError) => void;
  onProgress?: (progress: unknown) => void;
  killedForCancel: boolean;
}

interface Live {
  channel: Channel;
  ready: Promise<void>;
  pid: number | null;
  exited: boolean;
}

export class InferenceClient {
  readonly #options: InferenceClientOptions;
  readonly #log: Logger;
  #live: Live | null = null;
  #pending: Pending | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #disposed = false;
  #starts = 0;
  /** The running process's sessions by "component/graph", in load order (latest last). */
  readonly #sessions = new Map<string, SessionProviderReport>();

  constructor(options: InferenceClientOptions) {
    this.#options = options;
    this.#log = options.log.child('inference-client');
  }

  /** The running process's pid (diagnostics and crash tests), or null. */
  get pid(): number | null {
    return this.#live?.pid ?? null;
  }

  /** How many processes have been started. */
  get starts(): number {
    return this.#starts;
  }

  /** The provider each session of the running process loaded on; empty before any loads. */
  providerStatus(): InferenceStatus {
    const sessions = [...this.#sessions.values()];
    return { available: true, inUse: sessions.at(-1) ?? null, sessions };
  }

  /** Runs `task` in the inference process after any task queued before it. */
  run<T>(task: string, payload: unknown, options: RunOptions = {}): Promise<T> {
    const next = this.#queue.then(
      () => this.#runNow(task, payload, options),
      () => this.#runNow(task, payload, options),
    );
    this.#queue = next.catch(() => undefined);
    return next as Promise<T>;
  }

  async #runNow(task: string, payload: unknown, options: RunOptions): Promise<unknown> {
    if (this.#disposed) {
      throw new StudioError('UNAVAILABLE', 'The inference engine has shut down.');
    }
    if (options.signal?.aborted === true) {
      throw cancelledError(options.signal.reason);
    }
    const live = this.#ensureLive();
    await live.ready;
    const taskId = randomUUID();
    return new Promise<unknown>((resolve, reject: (error: StudioError) => void) => {
      const pending: Pending = {
        taskId,
        resolve,
        reject,
        killedForCancel: false,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      };
      this.#pending = pending;
      let grace: ReturnType<typeof setTimeout> | null = null;
      const onAbort = () => {
        this.#send(live, { type: 'task.cancel', taskId });
        grace = setTimeout(() => {
          if (this.#pending === pending) {
            this.#log.warn('inference.cancel_timeout', { taskId, graceMs: this.#grace() });
            pending.killedForCancel = true;
            live.channel.kill();
          }
        }, this.#grace());
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => {
        options.signal?.removeEventListener('abort', onAbort);
        if (grace !== null) {
          clearTimeout(grace);
        }
        if (this.#pending === pending) {
          this.#pending = null;
        }
      };
      pending.resolve = (value) => {
        settle();
        resolve(value);
      };
      pending.reject = (error) => {
        settle();
        reject(error);
      };
      this.#send(live, { type: 'task.run', taskId, task, payload });
    });
  }

  #grace(): number {
    return this.#options.cancelGraceMs ?? 10_000;
  }

  #send(live: Live, message: ToChild): void {
    if (!live.exited) {
      live.channel.send(message);
    }
  }

  #ensureLive(): Live {
    if (this.#live !== null && !this.#live.exited) {
      return this.#live;
    }
    this.#starts += 1;
    this.#sessions.clear(); // A fresh process has loaded nothing yet.
    const channel = this.#options.channel();
    let markReady: () => void = () => undefined;
    let failStart: (error: StudioError) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    const live: Live = { channel, ready, pid: null, exited: false };
    const timer = setTimeout(() => {
      failStart(new StudioError('UNAVAILABLE', 'The inference process did not start in time.'));
      channel.kill();
    }, this.#options.startTimeoutMs ?? 60_000);
    channel.onMessage((raw) => {
      const parsed = FromChild.safeParse(raw);
      if (!parsed.success) {
        this.#log.warn('inference.message_invalid', { issues: parsed.error.issues.length });
        return;
      }
      const message = parsed.data;
      if (message.type === 'ready') {
        clearTimeout(timer);
        live.pid = message.pid;
        markReady();
        return;
      }
      this.#onMessage(message);
    });
    channel.onExit((exit) => {
      clearTimeout(timer);
      live.exited = true;
      failStart(
        new StudioError(
          'INFERENCE_PROCESS_CRASHED',
          'The inference process exited while starting.',
          exit,
        ),
      );
      this.#onExit(live, exit);
    });
    ready.catch(() => undefined);
    this.#live = live;
    channel.send({ type: 'init', ...this.#options.init } satisfies ToChild);
    return live;
  }

  #onMessage(message: Exclude<FromChild, { type: 'ready' }>): void {
    if (message.type === 'log') {
      const log = this.#log.child(message.scope);
      log[message.level](message.event, message.fields);
      return;
    }
    if (message.type === 'session.loaded') {
      this.#sessions.delete(message.report.session); // a reload moves it to the end
      this.#sessions.set(message.report.session, message.report);
      return;
    }
    const pending = this.#pending;
    if (pending?.taskId !== message.taskId) {
      return; // A late message of a task already settled.
    }
    switch (message.type) {
      case 'task.progress':
        pending.onProgress?.(message.progress);
        break;
      case 'task.done':
        pending.resolve(message.result);
        break;
      case 'task.failed':
        pending.reject(StudioError.fromWire(message.error));
        break;
      case 'task.cancelled':
        pending.reject(new StudioError('CANCELLED', 'The operation was cancelled.'));
        break;
    }
  }

  #onExit(live: Live, exit: { code: number | null; signal: string | null }): void {
    if (this.#live === live) {
      this.#live = null;
    }
    const pending = this.#pending;
    if (pending === null) {
      this.#log.info('inference.process_exited', exit);
      return;
    }
    if (pending.killedForCancel) {
      pending.reject(
        new StudioError(
          'CANCELLED',
          'The operation was cancelled (the inference process was restarted).',
        ),
      );
      return;
    }
    this.#log.error('inference.process_crashed', exit);
    pending.reject(
      new StudioError(
        'INFERENCE_PROCESS_CRASHED',
        'The inference process stopped unexpectedly; the next generation starts a fresh one.',
        exit,
      ),
    );
  }

  /** Asks the process to free its loaded models (they reload on the next task). */
  releaseModels(): void {
    if (this.#live !== null) {
      this.#send(this.#live, { type: 'release' });
    }
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    const live = this.#live;
    if (live === null || live.exited) {
      return;
    }
    const exited = new Promise<void>((resolve) => {
      live.channel.onExit(() => {
        resolve();
      });
    });
    this.#send(live, { type: 'shutdown' });
    const timer = setTimeout(() => {
      live.channel.kill();
    }, 3000);
    await exited;
    clearTimeout(timer);
  }
}
