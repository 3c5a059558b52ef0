/**
 * The typed message protocol between the studio and the inference process. Everything is plain
 * data (paths, numbers, strings); audio travels as files. Both sides validate what they receive.
 *
 * parent → child: init (once), task.run, task.cancel, release, shutdown
 * child → parent: ready (after init), task.progress, task.done, task.failed, task.cancelled, log,
 *   session.loaded (the provider a session runs on and the providers passed over)
 */
import { z } from 'zod';

import { SessionProviderReport } from '../../../../app/contract/inference-status.ts';
import { ERROR_CODES } from '../../../../app/errors.ts';

export const TaskId = z.string().min(1).max(80);

const ExecutionProvider = z.enum(['cuda', 'dml', 'coreml', 'cpu']);

export const InitMessage = z.object({
  type: z.literal('init'),
  /** resources/inference/io-contract.json */
  contractPath: z.string().min(1),
  providers: z.array(ExecutionProvider).min(1).optional(),
  intraOpThreads: z.number().int().min(1).max(256).optional(),
  /** Keep at most this many bytes of loaded graphs. */
  residentBudgetBytes: z.number().int().min(0).optional(),
});
export type InitMessage = z.infer<typeof InitMessage>;

export const ToChild = z.discriminatedUnion('type', [
  InitMessage,
  z.object({
    type: z.literal('task.run'),
    taskId: TaskId,
    task: z.string().min(1).max(80),
    payload: z.unknown(),
  }),
  z.object({ type: z.literal('task.cancel'), taskId: TaskId }),
  /** Release every loaded session (memory pressure, models changed). */
  z.object({ type: z.literal('release') }),
  z.object({ type: z.literal('shutdown') }),
]);
export type ToChild = z.infer<typeof ToChild>;

const Wire = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
});

export const FromChild = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pid: z.number().int(), providers: z.array(z.string()) }),
  z.object({ type: z.literal('task.progress'), taskId: TaskId, progress: z.unknown() }),
  z.object({ type: z.literal('task.done'), taskId: TaskId, result: z.unknown() }),
  z.object({ type: z.literal('task.failed'), taskId: TaskId, error: Wire }),
  z.object({ type: z.literal('task.cancelled'), taskId: TaskId }),
  z.object({
    type: z.literal('log'),
    level: z.enum(['debug', 'info', 'warn', 'error']),
    scope: z.string(),
    event: z.string(),
    fields: z.record(z.string(), z.unknown()),
  }),
  z.object({ type: z.literal('session.loaded'), report: SessionProviderReport }),
]);
export type FromChild = z.infer<typeof FromChild>;
