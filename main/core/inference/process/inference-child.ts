/**
 * The inference process's message loop: waits for `init`, builds the session pool, then runs
 * tasks one at a time. A `task.cancel` aborts the task's signal; the pipeline checks it before
 * every ORT call (each call yields to the event loop first, so the message is seen within one
 * step). Logs go to the parent as messages.
 */
import { cancelledError, isStudioError, StudioError } from '../../../../app/errors.ts';
import { createLogger, errorFields, type Logger } from '../../../../app/log.ts';
import type { ParentPort } from '../../process/parent-port.ts';
import { type IoContract, loadIoContract } from '../contract/io-contract.ts';
import { OrtSessionPool } from '../ort-session-pool.ts';
import { type FromChild, type InitMessage, ToChild } from './protocol.ts';
import type { TaskRegistry } from './task-registry.ts';

function portLogger(port: ParentPort): Logger {
  return createLogger(
    (record) => {
      port.send({
        type: 'log',
        level: record.level,
        scope: record.scope,
        event: record.event,
        fields: toPlain(record.fields),
      } satisfies FromChild);
    },
    { minLevel: 'info', scope: 'inference' },
  );
}

/** Log fields as plain data (errors and typed arrays do not cross). */
function toPlain(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(fields, (_key, value: unknown) =>
      typeof value === 'bigint' ? String(value) : value,
    ),
  ) as Record<string, unknown>;
}

type Send = (message: FromChild) => void;

/** Runs one task to its end, always answering done, failed or cancelled. */
function taskRunner(
  state: ChildState,
  tasks: TaskRegistry,
  log: Logger,
  send: Send,
  contractOf: () => IoContract | null,
) {
  return async (taskId: string, task: string, payload: unknown): Promise<void> => {
    const pool = state.pool;
    const contract = contractOf();
    const handler = tasks.get(task);
    const controller = new AbortController();
    state.running = { taskId, controller };
    try {
      if (pool === null || contract === null) {
        throw new StudioError('UNAVAILABLE', 'The inference process has not been initialised.');
      }
      if (handler === undefined) {
        throw new StudioError('VALIDATION_FAILED', `Unknown inference task "${task}".`, { task });
      }
      const result = await handler(payload, {
        signal: controller.signal,
        log: log.child(task),
        progress: (progress) => {
          send({ type: 'task.progress', taskId, progress });
        },
        run: pool.run,
        preload: (graph) => pool.preload(graph),
        release: (componentId) => pool.release(componentId),
        contract,
      });
      if (controller.signal.aborted) {
        throw cancelledError(controller.signal.reason);
      }
      send({ type: 'task.done', taskId, result });
    } catch (error) {
      if (controller.signal.aborted || isStudioError(error, 'CANCELLED')) {
        send({ type: 'task.cancelled', taskId });
      } else {
        const wire = isStudioError(error)
          ? error.toWire()
          : new StudioError(
              'INFERENCE_FAILED',
              error instanceof Error ? error.message : String(error),
            ).toWire();
        if (!isStudioError(error)) {
          log.error('task.crashed', { task, ...errorFields(error) });
        }
        send({ type: 'task.failed', taskId, error: wire });
      }
    } finally {
      state.running = null;
    }
  };
}

export interface ChildState {
  pool: OrtSessionPool | null;
  running: { taskId: string; controller: AbortController } | null;
}

export function runInferenceChild(port: ParentPort, tasks: TaskRegistry): ChildState {
  const log = portLogger(port);
  const state: ChildState = { pool: null, running: null };
  let contract: IoContract | null = null;
  const send = (message: FromChild) => {
    port.send(message);
  };

  const init = async (message: InitMessage) => {
    contract = await loadIoContract(message.contractPath);
    state.pool = new OrtSessionPool({
      contract,
      log,
      onSessionLoaded: (report) => {
        send({ type: 'session.loaded', report });
      },
      ...(message.providers === undefined ? {} : { providers: message.providers }),
      ...(message.intraOpThreads === undefined ? {} : { intraOpThreads: message.intraOpThreads }),
      ...(message.residentBudgetBytes === undefined
        ? {}
        : { residentBudgetBytes: message.residentBudgetBytes }),
    });
    send({ type: 'ready', pid: process.pid, providers: message.providers ?? [] });
  };

  const runTask = taskRunner(state, tasks, log, send, () => contract);

  port.onMessage((raw) => {
    const parsed = ToChild.safeParse(raw);
    if (!parsed.success) {
      log.warn('message.invalid', { issues: parsed.error.issues.length });
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'init':
        init(message).catch((error: unknown) => {
          log.error('init.failed', errorFields(error));
          process.exit(70);
        });
        break;
      case 'task.run':
        if (state.running !== null) {
          send({
            type: 'task.failed',
            taskId: message.taskId,
            error: new StudioError('CONFLICT', 'The inference process is busy.').toWire(),
          });
          break;
        }
        void runTask(message.taskId, message.task, message.payload);
        break;
      case 'task.cancel':
        if (state.running?.taskId === message.taskId) {
          state.running.controller.abort(new StudioError('CANCELLED', 'Cancelled.'));
        }
        break;
      case 'release':
        void state.pool?.release();
        break;
      case 'shutdown':
        void (state.pool?.dispose() ?? Promise.resolve()).finally(() => process.exit(0));
        break;
    }
  });
  return state;
}
