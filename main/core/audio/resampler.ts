/**
 * Band-limited sample-rate conversion of a stereo stream: libsamplerate (Erik de Castro Lopo's
 * Secret Rabbit Code, BSD) compiled to WebAssembly, at SRC_SINC_BEST_QUALITY. Its output is
 * time-aligned with the input (output frame 0 is input time 0); `flush` drains the filter's
 * look-ahead with silence so the stream ends with exactly round(inFrames · out/in) frames.
 * tools/bench/audio.bench.ts measures its passband ripple, stopband rejection and speed.
 */
import lsr from '@alexanderolsen/libsamplerate-js';

import { StudioError } from '../../../app/errors.ts';

/** Floats the WASM module accepts per call, in or out (see the library's buffer size). */
const MAX_CALL_FLOATS = 1_000_000;
/** Input frames per call: measured fastest here (large calls are slower in this build). */
const CALL_FRAMES = 4096;
const FLUSH_FRAMES = 4096;

export type ResamplerQuality = 'best' | 'medium' | 'fastest';

const CONVERTERS = {
  best: lsr.ConverterType.SRC_SINC_BEST_QUALITY,
  medium: lsr.ConverterType.SRC_SINC_MEDIUM_QUALITY,
  fastest: lsr.ConverterType.SRC_SINC_FASTEST,
} as const satisfies Record<ResamplerQuality, number>;

type Src = Awaited<ReturnType<typeof lsr.create>>;

export class StereoResampler {
  readonly inputRate: number;
  readonly outputRate: number;
  readonly #src: Src;
  readonly #ratio: number;
  /** Input frames per call that keep input and output under the WASM buffer. */
  readonly #maxFrames: number;
  #inFrames = 0;
  #outFrames = 0;
  #disposed = false;

  private constructor(src: Src, inputRate: number, outputRate: number) {
    this.#src = src;
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    this.#ratio = outputRate / inputRate;
    this.#maxFrames = Math.min(
      CALL_FRAMES,
      Math.floor(MAX_CALL_FLOATS / 2 / Math.max(1, this.#ratio)) - 16,
    );
  }

  static async create(
    inputRate: number,
    outputRate: number,
    quality: ResamplerQuality = 'best',
  ): Promise<StereoResampler> {
    if (!Number.isInteger(inputRate) || inputRate < 1 || inputRate > 768_000) {
      throw new StudioError('UNSUPPORTED_FORMAT', `Cannot resample from ${String(inputRate)} Hz.`);
    }
    const src = await lsr.create(2, inputRate, outputRate, { converterType: CONVERTERS[quality] });
    return new StereoResampler(src, inputRate, outputRate);
  }

  /** Resamples the next input frames; returns whatever output is ready (may be empty). */
  process(left: Float32Array, right: Float32Array): [Float32Array, Float32Array] {
    const outputs: Float32Array[] = [];
    for (let start = 0; start < left.length; start += this.#maxFrames) {
      const end = Math.min(left.length, start + this.#maxFrames);
      outputs.push(this.#run(left.subarray(start, end), right.subarray(start, end)));
    }
    this.#inFrames += left.length;
    return deinterleave(outputs);
  }

  /** Ends the stream: the remaining output, so the total is round(inFrames · ratio) frames. */
  flush(): [Float32Array, Float32Array] {
    const expected = Math.round(this.#inFrames * this.#ratio);
    const silence = new Float32Array(FLUSH_FRAMES);
    const outputs: Float32Array[] = [];
    for (let n = 0; this.#outFrames < expected && n < 1000; n += 1) {
      outputs.push(this.#run(silence, silence));
    }
    const extra = this.#outFrames - expected;
    const [left, right] = deinterleave(outputs);
    this.#outFrames = expected;
    return [left.subarray(0, left.length - extra), right.subarray(0, right.length - extra)];
  }

  #run(left: Float32Array, right: Float32Array): Float32Array {
    const interleaved = new Float32Array(left.length * 2);
    for (let i = 0; i < left.length; i += 1) {
      interleaved[2 * i] = left[i] as number;
      interleaved[2 * i + 1] = right[i] as number;
    }
    const out = this.#src.full(interleaved);
    this.#outFrames += out.length / 2;
    return out;
  }

  dispose(): void {
    if (!this.#disposed) {
      this.#disposed = true;
      this.#src.destroy();
    }
  }
}

/** Interleaved stereo pieces to planar channels. */
function deinterleave(pieces: Float32Array[]): [Float32Array, Float32Array] {
  const frames = pieces.reduce((sum, piece) => sum + piece.length / 2, 0);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  let at = 0;
  for (const piece of pieces) {
    for (let i = 0; i < piece.length; i += 2) {
      left[at] = piece[i] as number;
      right[at] = piece[i + 1] as number;
      at += 1;
    }
  }
  return [left, right];
}
