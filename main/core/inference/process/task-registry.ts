/**
 * Tasks the inference process can run. Each is a handler given its payload and a context with
 * the one RunSession (the session pool), a signal that the parent's cancel aborts, progress and a
 * logger. The generation pipeline registers "generate"; the LM planner registers its own.
 */
import type { Logger } from '../../../../app/log.ts';
import type { IoContract } from '../contract/io-contract.ts';
import type { GraphHandle, RunSession } from '../runtime/host-tensor.ts';

export interface TaskContext {
  signal: AbortSignal;
  log: Logger;
  progress: (progress: unknown) => void;
  run: RunSession;
  /** Loads and validates a graph without running it. */
  preload: (graph: GraphHandle) => Promise<void>;
  /** Releases the sessions of one component (or all). */
  release: (componentId?: string) => Promise<void>;
  contract: IoContract;
}

export type TaskHandler = (payload: unknown, context: TaskContext) => Promise<unknown>;

export type TaskRegistry = ReadonlyMap<string, TaskHandler>;
