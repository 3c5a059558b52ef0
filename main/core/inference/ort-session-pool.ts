/**
 * The session pool: the only module that imports onnxruntime-node. It picks an execution
 * provider per platform (falling back with a logged reason), creates sessions lazily, checks
 * each graph against the IO contract when it loads, releases least-recently-used sessions
 * beyond a memory budget or when the machine runs low, and times every run() for the bench.
 */
import { freemem } from 'node:os';

import * as ort from 'onnxruntime-node';

import type { SessionProviderReport } from '../../../app/contract/inference-status.ts';
import { StudioError, throwIfCancelled } from '../../../app/errors.ts';
import { errorFields, type Logger } from '../../../app/log.ts';
import { validateGraphIo } from './contract/graph-validation.ts';
import { type IoContract, resolveGraph } from './contract/io-contract.ts';
import {
  type ExecutionProviderName,
  isExecutionProvider,
  providerOrder,
} from './runtime/execution-providers.ts';
import type { GraphHandle, HostTensor, RunSession } from './runtime/host-tensor.ts';

export interface SessionPoolOptions {
  contract: IoContract;
  log: Logger;
  /** Providers to try in order; default: the platform's order (see providerOrder). */
  providers?: readonly ExecutionProviderName[];
  /** intra-op threads (default: ORT's choice, the physical cores); inter-op is 1. */
  intraOpThreads?: number;
  /** Keep at most this many bytes of loaded graphs; older sessions are released. */
  residentBudgetBytes?: number;
  /** Release idle sessions before a load when free memory would drop below this. */
  minFreeBytes?: number;
  /** Told after each session loads: its provider and the providers passed over before it. */
  onSessionLoaded?: (report: SessionProviderReport) => void;
}

export interface SessionPoolStats {
  provider: ExecutionProviderName | null;
  loads: number;
  loadMs: number;
  runs: number;
  /** Wall time spent inside ORT run() calls. */
  runMs: number;
  residentBytes: number;
  perGraph: Record<string, { runs: number; runMs: number }>;
}

interface Entry {
  key: string;
  session: ort.InferenceSession;
  bytes: number;
  lastUsed: number;
  busy: boolean;
}

function toOrt(tensor: HostTensor): ort.Tensor {
  return new ort.Tensor(tensor.dtype, tensor.data, tensor.dims);
}

function fromOrt(tensor: ort.Tensor): HostTensor {
  const data = tensor.data;
  if (
    !(data instanceof Float32Array) &&
    !(data instanceof BigInt64Array) &&
    !(data instanceof Int32Array) &&
    !(data instanceof Uint8Array)
  ) {
    throw new StudioError(
      'INFERENCE_FAILED',
      `A graph returned an unsupported ${tensor.type} output.`,
    );
  }
  return { dtype: tensor.type as HostTensor['dtype'], dims: tensor.dims, data };
}

/** The platform's provider order, honouring LAYERLINE_EXECUTION_PROVIDER. */
export function defaultProviders(log: Logger): ExecutionProviderName[] {
  const supported = ort.listSupportedBackends().map((backend) => backend.name);
  const wanted = process.env['LAYERLINE_EXECUTION_PROVIDER'];
  const override = wanted !== undefined && isExecutionProvider(wanted) ? wanted : undefined;
  const order = providerOrder(process.platform, process.arch, supported, override);
  log.info('inference.providers', { supported, order });
  return order;
}

export class OrtSessionPool {
  readonly #options: SessionPoolOptions;
  readonly #log: Logger;
  readonly #entries = new Map<string, Entry>();
  readonly #loading = new Map<string, Promise<Entry>>();
  #providers: ExecutionProviderName[];
  /** Providers dropped for the rest of the process, with the reasons they failed. */
  readonly #passedOver: SessionProviderReport['fallbacks'] = [];
  #clock = 0;
  #disposed = false;
  readonly #stats: SessionPoolStats = {
    provider: null,
    loads: 0,
    loadMs: 0,
    runs: 0,
    runMs: 0,
    residentBytes: 0,
    perGraph: {},
  };

  constructor(options: SessionPoolOptions) {
    this.#options = options;
    this.#log = options.log.child('ort');
    this.#providers = [...(options.providers ?? defaultProviders(this.#log))];
  }

  /** The RunSession stages and pipelines use. */
  readonly run: RunSession = async (graph, feeds, signal, into) => {
    throwIfCancelled(signal);
    const entry = await this.#session(graph);
    // Let the event loop take pending messages (a cancel from the parent) before this call
    // blocks it: run() is synchronous in the binding, so a cancel that arrives during one step
    // stops the next one.
    await new Promise<void>((resolve) => {
      setImmediate(resolve);
    });
    throwIfCancelled(signal);
    entry.busy = true;
    entry.lastUsed = ++this.#clock;
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, tensor] of Object.entries(feeds)) {
      ortFeeds[name] = toOrt(tensor);
    }
    // Outputs written into caller tensors; the others ORT allocates (null in the fetch list).
    const fetches =
      into === undefined
        ? undefined
        : Object.fromEntries(
            entry.session.outputNames.map((name) => {
              const target = into[name];
              return [name, target === undefined ? null : toOrt(target)];
            }),
          );
    const started = performance.now();
    let results: ort.InferenceSession.ReturnType;
    try {
      results = await (fetches === undefined
        ? entry.session.run(ortFeeds)
        : entry.session.run(ortFeeds, fetches));
    } catch (error) {
      throw new StudioError(
        'INFERENCE_FAILED',
        `Running ${graph.label} failed: ${error instanceof Error ? error.message : String(error)}`,
        { file: graph.label, graph: graph.graph },
        { cause: error },
      );
    } finally {
      entry.busy = false;
      this.#account(graph, performance.now() - started);
    }
    const outputs: Record<string, HostTensor> = {};
    for (const [name, tensor] of Object.entries(results)) {
      outputs[name] = fromOrt(tensor);
    }
    return outputs;
  };

  #account(graph: GraphHandle, ms: number): void {
    this.#stats.runs += 1;
    this.#stats.runMs += ms;
    const key = graph.graph;
    const per = (this.#stats.perGraph[key] ??= { runs: 0, runMs: 0 });
    per.runs += 1;
    per.runMs += ms;
  }

  stats(): SessionPoolStats {
    return structuredClone(this.#stats);
  }

  resetStats(): void {
    Object.assign(this.#stats, { loads: 0, loadMs: 0, runs: 0, runMs: 0, perGraph: {} });
  }

  /** Loads a graph now (validating it) without running it. */
  async preload(graph: GraphHandle): Promise<void> {
    await this.#session(graph);
  }

  async #session(graph: GraphHandle): Promise<Entry> {
    if (this.#disposed) {
      throw new StudioError('UNAVAILABLE', 'The inference engine is shutting down.');
    }
    const key = `${graph.componentId}/${graph.graph}`;
    const existing = this.#entries.get(key);
    if (existing !== undefined) {
      return existing;
    }
    let loading = this.#loading.get(key);
    if (loading === undefined) {
      loading = this.#load(key, graph).finally(() => this.#loading.delete(key));
      this.#loading.set(key, loading);
    }
    return loading;
  }

  async #load(key: string, graph: GraphHandle): Promise<Entry> {
    await this.#makeRoom(graph.bytes);
    const started = performance.now();
    const { session, provider } = await this.#create(graph);
    try {
      validateGraphIo(
        resolveGraph(this.#options.contract, graph.graph, graph.config, graph.label),
        { inputs: session.inputMetadata, outputs: session.outputMetadata },
        graph.label,
      );
    } catch (error) {
      await session.release();
      throw error;
    }
    const ms = performance.now() - started;
    this.#stats.loads += 1;
    this.#stats.loadMs += ms;
    const entry: Entry = { key, session, bytes: graph.bytes, lastUsed: ++this.#clock, busy: false };
    this.#entries.set(key, entry);
    this.#stats.residentBytes += graph.bytes;
    this.#log.info('inference.session_loaded', {
      graph: key,
      ms: Math.round(ms),
      bytes: graph.bytes,
      provider,
    });
    this.#options.onSessionLoaded?.({
      session: key,
      provider,
      fallbacks: this.#passedOver.map((failure) => ({ ...failure })),
    });
    return entry;
  }

  /**
   * Tries providers in order. When a later one works, the failed ones are dropped for the rest
   * of the process (logged with their reasons); when none works the file is at fault.
   */
  async #create(
    graph: GraphHandle,
  ): Promise<{ session: ort.InferenceSession; provider: ExecutionProviderName }> {
    const failures: { provider: ExecutionProviderName; reason: string }[] = [];
    for (const [index, provider] of this.#providers.entries()) {
      try {
        const session = await ort.InferenceSession.create(graph.file, {
          executionProviders: [provider],
          graphOptimizationLevel: 'all',
          executionMode: 'sequential',
          interOpNumThreads: 1,
          // Errors only: ORT's own warnings go straight to stderr, not through our logger.
          logSeverityLevel: 3,
          ...(this.#options.intraOpThreads === undefined
            ? {}
            : { intraOpNumThreads: this.#options.intraOpThreads }),
        });
        if (index > 0) {
          for (const failure of failures) {
            this.#log.warn('inference.provider_fallback', { ...failure, next: provider });
          }
          this.#passedOver.push(...failures);
          this.#providers = this.#providers.slice(index);
        }
        if (this.#stats.provider !== provider) {
          this.#stats.provider = provider;
          this.#log.info('inference.provider_selected', { provider });
        }
        return { session, provider };
      } catch (error) {
        failures.push({ provider, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    const last = failures.at(-1)?.reason ?? 'no execution provider';
    throw new StudioError('MODEL_CORRUPT', `${graph.label} cannot be loaded: ${last}`, {
      file: graph.label,
      graph: graph.graph,
      failures,
    });
  }

  async #makeRoom(incoming: number): Promise<void> {
    const budget = this.#options.residentBudgetBytes ?? Number.POSITIVE_INFINITY;
    const minFree = this.#options.minFreeBytes ?? 0;
    const idle = () =>
      [...this.#entries.values()]
        .filter((entry) => !entry.busy)
        .sort((a, b) => a.lastUsed - b.lastUsed);
    for (const entry of idle()) {
      const overBudget = this.#stats.residentBytes + incoming > budget;
      const lowMemory = freemem() - incoming < minFree;
      if (!overBudget && !lowMemory) {
        break;
      }
      this.#log.info('inference.session_released', {
        graph: entry.key,
        reason: overBudget ? 'budget' : 'low_memory',
      });
      await this.#drop(entry);
    }
  }

  async #drop(entry: Entry): Promise<void> {
    this.#entries.delete(entry.key);
    this.#stats.residentBytes -= entry.bytes;
    try {
      await entry.session.release();
    } catch (error) {
      this.#log.warn('inference.release_failed', { graph: entry.key, ...errorFields(error) });
    }
  }

  /** Releases the sessions of one component (or all); the next run reloads them. */
  async release(componentId?: string): Promise<void> {
    for (const entry of [...this.#entries.values()]) {
      if (!entry.busy && (componentId === undefined || entry.key.startsWith(`${componentId}/`))) {
        await this.#drop(entry);
      }
    }
  }

  /** Loaded graph keys ("component/graph"), for diagnostics and tests. */
  loaded(): string[] {
    return [...this.#entries.keys()].sort();
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    await Promise.allSettled([...this.#loading.values()]);
    for (const entry of [...this.#entries.values()]) {
      await this.#drop(entry);
    }
  }
}
