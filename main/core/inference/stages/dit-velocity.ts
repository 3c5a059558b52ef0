/**
 * The DiT step stage: one velocity evaluation for the whole batch, with CFG run as one forward
 * at twice the batch (conditional items first, then the same items on the null condition).
 * Feeds are built once per conditioning; a step copies only x_t (twice with CFG).
 */
import { type Feeds, float32Output, float32Tensor, type RunGraph } from '../runtime/host-tensor.ts';
import type { LatentDims } from '../sampler/guidance.ts';
import type { EncoderStates } from './text-conditioning.ts';

export interface VelocityPair {
  /** [batch, frames, channels] */
  cond: Float32Array;
  /** The null-condition half, or null without CFG. */
  uncond: Float32Array | null;
}

export class DitVelocity {
  readonly #run: RunGraph;
  readonly #dims: LatentDims;
  readonly #cfg: boolean;
  readonly #rows: number;
  readonly #x: Float32Array;
  readonly #t: Float32Array;
  #static: Omit<Feeds, 'x_t' | 't' | 't_r'> | null = null;

  constructor(run: RunGraph, dims: LatentDims, cfg: boolean) {
    this.#run = run;
    this.#dims = dims;
    this.#cfg = cfg;
    this.#rows = cfg ? 2 * dims.batch : dims.batch;
    this.#x = new Float32Array(this.#rows * dims.frames * dims.channels);
    this.#t = new Float32Array(this.#rows);
  }

  get cfg(): boolean {
    return this.#cfg;
  }

  /**
   * The conditioning every item shares: encoder states, the null embedding [hidden] for the
   * CFG half, and the context latents [frames, 2·channels].
   */
  setConditioning(states: EncoderStates, nullEmbedding: Float32Array, context: Float32Array): void {
    const { batch, frames, channels } = this.#dims;
    const { tokens, hiddenSize } = states;
    const rows = this.#rows;
    const hidden = new Float32Array(rows * tokens * hiddenSize);
    const mask = new Float32Array(rows * tokens);
    const ctx = new Float32Array(rows * frames * 2 * channels);
    for (let row = 0; row < rows; row += 1) {
      const useNull = row >= batch;
      if (useNull) {
        for (let k = 0; k < tokens; k += 1) {
          hidden.set(nullEmbedding.subarray(0, hiddenSize), (row * tokens + k) * hiddenSize);
        }
      } else {
        hidden.set(states.hidden, row * tokens * hiddenSize);
      }
      mask.set(states.mask, row * tokens);
      ctx.set(context, row * frames * 2 * channels);
    }
    this.#static = {
      encoder_hidden_states: float32Tensor(hidden, [rows, tokens, hiddenSize]),
      encoder_mask: float32Tensor(mask, [rows, tokens]),
      context_latents: float32Tensor(ctx, [rows, frames, 2 * channels]),
    };
  }

  /** v(x, t) for every item; `x` is [batch, frames, channels]. */
  async evaluate(x: Float32Array, t: number, signal?: AbortSignal): Promise<VelocityPair> {
    if (this.#static === null) {
      throw new Error('setConditioning must come before evaluate');
    }
    const { batch, frames, channels } = this.#dims;
    const size = batch * frames * channels;
    this.#x.set(x);
    if (this.#cfg) {
      this.#x.set(x, size);
    }
    this.#t.fill(t);
    const outputs = await this.#run(
      {
        x_t: float32Tensor(this.#x, [this.#rows, frames, channels]),
        t: float32Tensor(this.#t, [this.#rows]),
        // At inference the second time embedding sees t − t_r = 0 (spec §2.4).
        t_r: float32Tensor(this.#t, [this.#rows]),
        ...this.#static,
      },
      signal,
    );
    const v = float32Output(outputs, 'v').data;
    return { cond: v.subarray(0, size), uncond: this.#cfg ? v.subarray(size, 2 * size) : null };
  }
}
