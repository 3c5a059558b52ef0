/**
 * The LM's KV cache on the host side of `lm_prefill` / `lm_decode` (IO contract, time-major
 * layout). One preallocated buffer per layer and K/V of `[capacity, rows, kv_heads, head_dim]`;
 * each decode passes a zero-copy prefix view of the valid rows and copies back only the new
 * token's row, so the host's work per token does not grow with the sequence.
 *
 * Rows are left-padded at prefill (shorter prompts get leading pad positions the graph masks),
 * so every row shares one timeline and steps in lockstep; CFG runs its unconditional prompts as
 * extra rows of the same batch.
 */
import { StudioError, throwIfCancelled } from '../../../../app/errors.ts';
import type { HostTensor, Outputs, RunGraph } from '../runtime/host-tensor.ts';

/** The LM component's two graphs, bound by the session pool (the only ONNX Runtime importer). */
export interface LmGraphs {
  prefill: RunGraph;
  decode: RunGraph;
}

/** Sizes from the LM component's config. */
export interface LmGraphConfig {
  vocab: number;
  layers: number;
  kvHeads: number;
  headDim: number;
}

/** A prefilled batch of rows and its cache. */
export class LmKvSession {
  private readonly keys: Float32Array[] = [];
  private readonly values: Float32Array[] = [];
  private readonly rowFloats: number;
  private readonly stepIds: BigInt64Array;
  private readonly pads: BigInt64Array;
  private used = 0;

  private readonly run: LmGraphs;
  private readonly config: LmGraphConfig;
  readonly rows: number;
  readonly capacity: number;

  private constructor(run: LmGraphs, config: LmGraphConfig, rows: number, capacity: number) {
    this.run = run;
    this.config = config;
    this.rows = rows;
    this.capacity = capacity;
    this.rowFloats = rows * config.kvHeads * config.headDim;
    for (let i = 0; i < config.layers; i++) {
      this.keys.push(new Float32Array(capacity * this.rowFloats));
      this.values.push(new Float32Array(capacity * this.rowFloats));
    }
    this.stepIds = new BigInt64Array(rows);
    this.pads = new BigInt64Array(rows);
  }

  /**
   * Runs the prompts (one per row) and returns the next-token logits `[rows, vocab]`.
   * `capacity` bounds prompt + generated tokens.
   */
  static async prefill(
    run: LmGraphs,
    config: LmGraphConfig,
    prompts: readonly (readonly number[])[],
    maxNewTokens: number,
    signal?: AbortSignal,
  ): Promise<{ session: LmKvSession; logits: Float32Array }> {
    const rows = prompts.length;
    const tokens = Math.max(...prompts.map((p) => p.length));
    if (rows === 0 || tokens === 0) {
      throw new StudioError('VALIDATION_FAILED', 'The LM needs at least one non-empty prompt.');
    }
    const session = new LmKvSession(run, config, rows, tokens + maxNewTokens);
    const ids = new BigInt64Array(rows * tokens);
    prompts.forEach((prompt, row) => {
      const pad = tokens - prompt.length;
      session.pads[row] = BigInt(pad);
      prompt.forEach((id, t) => {
        ids[row * tokens + pad + t] = BigInt(id);
      });
    });
    throwIfCancelled(signal);
    const out = await run.prefill(
      {
        input_ids: { dtype: 'int64', dims: [rows, tokens], data: ids },
        pad_lengths: { dtype: 'int64', dims: [rows], data: session.pads },
      },
      signal,
    );
    session.store(out, tokens);
    return { session, logits: session.logitsOf(out) };
  }

  /** Positions filled so far (prompt + generated). */
  get length(): number {
    return this.used;
  }

  /** Feeds one token per row; returns the next logits `[rows, vocab]`. */
  async step(tokens: ArrayLike<number>, signal?: AbortSignal): Promise<Float32Array> {
    if (this.used >= this.capacity) {
      throw new StudioError('INTERNAL', 'The LM cache is full.', { capacity: this.capacity });
    }
    for (let row = 0; row < this.rows; row++) {
      this.stepIds[row] = BigInt(tokens[row] ?? 0);
    }
    const { kvHeads, headDim } = this.config;
    const pastDims = [this.used, this.rows, kvHeads, headDim];
    const visible = this.used * this.rowFloats;
    const feeds: Record<string, HostTensor> = {
      input_ids: { dtype: 'int64', dims: [this.rows, 1], data: this.stepIds },
      pad_lengths: { dtype: 'int64', dims: [this.rows], data: this.pads },
    };
    for (let i = 0; i < this.config.layers; i++) {
      feeds[`past.${i}.key`] = {
        dtype: 'float32',
        dims: pastDims,
        data: this.keys[i]?.subarray(0, visible) ?? new Float32Array(),
      };
      feeds[`past.${i}.value`] = {
        dtype: 'float32',
        dims: pastDims,
        data: this.values[i]?.subarray(0, visible) ?? new Float32Array(),
      };
    }
    const out = await this.run.decode(feeds, signal);
    this.store(out, 1);
    return this.logitsOf(out);
  }

  /** Copies `count` new time steps of every layer into the buffers at the current end. */
  private store(out: Outputs, count: number): void {
    const expected = count * this.rowFloats;
    const offset = this.used * this.rowFloats;
    for (let i = 0; i < this.config.layers; i++) {
      const key = out[`new.${i}.key`]?.data;
      const value = out[`new.${i}.value`]?.data;
      if (
        !(key instanceof Float32Array) ||
        !(value instanceof Float32Array) ||
        key.length !== expected ||
        value.length !== expected
      ) {
        throw new StudioError('INFERENCE_FAILED', `The LM graph returned a bad new.${i} K/V.`);
      }
      this.keys[i]?.set(key, offset);
      this.values[i]?.set(value, offset);
    }
    this.used += count;
  }

  private logitsOf(out: Outputs): Float32Array {
    const logits = out['logits']?.data;
    if (!(logits instanceof Float32Array) || logits.length !== this.rows * this.config.vocab) {
      throw new StudioError('INFERENCE_FAILED', 'The LM graph returned logits of the wrong size.');
    }
    return logits;
  }
}
