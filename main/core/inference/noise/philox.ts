/**
 * Seeded Gaussian noise that reproduces PyTorch's CUDA `torch.randn` for a given seed.
 *
 * The generator is cuRAND's Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy
 * as 1, 2, 3", SC 2011; constants from the Random123 reference): a 128-bit counter and a
 * 64-bit key (the seed), ten rounds of two 32x32->64 multiplications with multipliers
 * 0xD2511F53 and 0xCD9E8D57, the key bumped by the Weyl constants 0x9E3779B9 / 0xBB67AE85
 * between rounds. PyTorch's CUDA normal kernel calls `curand_init(seed, thread, offset 0)`,
 * which puts the thread index in the counter's upper 64 bits, and `curand_normal4`, which
 * turns each Philox output (4 words) into 4 normals with cuRAND's Box-Muller:
 * u = x·2^-32 + 2^-33, v = y·(2π·2^-32) + π·2^-32, (sqrt(-2 ln u)·sin v, sqrt(-2 ln u)·cos v),
 * computed in float32. Thread k writes element k first; a tensor larger than the threads the
 * launch uses wraps around (grid-stride loop, see `threadCount`). The values are cast to the
 * model dtype: bfloat16 on CUDA, so by default the result here is float32 holding the
 * bf16-rounded values (round to nearest even). `rounding: 'none'` gives what fp32
 * `torch.randn(device="cuda")` returns.
 *
 * Written from that description (spec §5.5 and cuRAND's documented behaviour); the Philox
 * block is checked against Random123's published known-answer vectors. Bit parity with a GPU
 * is not testable here: float32 log/sin on a GPU may differ from the correctly rounded values
 * used here by an ulp, which bf16 rounding hides except at rounding boundaries.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High 32 bits of the 64-bit product of two uint32 (exact, no BigInt). */
function mulHi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const loLo = aLo * bLo;
  const loHi = aLo * bHi;
  const hiLo = aHi * bLo;
  const cross = (loLo >>> 16) + (loHi & 0xffff) + (hiLo & 0xffff);
  return (aHi * bHi + (loHi >>> 16) + (hiLo >>> 16) + (cross >>> 16)) >>> 0;
}

/**
 * Philox4x32-10 of `counter` (4 words, word 0 least significant) under `key` (2 words);
 * writes the 4 output words to `out`.
 */
export function philox4x32x10(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
): void {
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let key0 = k0 >>> 0;
  let key1 = k1 >>> 0;
  for (let round = 0; round < 10; round += 1) {
    if (round > 0) {
      key0 = (key0 + W0) >>> 0;
      key1 = (key1 + W1) >>> 0;
    }
    const hi0 = mulHi(M0, x0);
    const lo0 = Math.imul(M0, x0) >>> 0;
    const hi1 = mulHi(M1, x2);
    const lo1 = Math.imul(M1, x2) >>> 0;
    x0 = (hi1 ^ x1 ^ key0) >>> 0;
    x1 = lo1;
    x2 = (hi0 ^ x3 ^ key1) >>> 0;
    x3 = lo0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}

const TWO_POW_MINUS_32 = 2 ** -32;
/** cuRAND's CURAND_2POW32_INV_2PI: float32(2π) · 2^-32 (exact scaling of a float). */
const INV_2PI = Math.fround(2 * Math.PI) * TWO_POW_MINUS_32;

/**
 * cuRAND's Box-Muller pair for two uint32 words, in float32 steps: [s·sin v, s·cos v].
 * (The uint32 is first converted to float32, as the C expression does.)
 */
export function boxMuller(x: number, y: number, out: Float64Array): void {
  const u = Math.fround(Math.fround(x) * TWO_POW_MINUS_32 + TWO_POW_MINUS_32 / 2);
  const v = Math.fround(Math.fround(y) * INV_2PI + INV_2PI / 2);
  const s = Math.fround(Math.sqrt(Math.fround(-2 * Math.fround(Math.log(u)))));
  out[0] = Math.fround(s * Math.fround(Math.sin(v)));
  out[1] = Math.fround(s * Math.fround(Math.cos(v)));
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Rounds a float32 value to bfloat16 (nearest, ties to even), returned as a number. */
export function roundToBfloat16(value: number): number {
  f32[0] = value;
  const bits = u32[0] ?? 0;
  if ((bits & 0x7f800000) === 0x7f800000) {
    return value; // Inf and NaN pass through.
  }
  const rounded = (bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff0000;
  u32[0] = rounded >>> 0;
  return f32[0];
}

/** A CUDA device's launch limits, which decide how a large tensor wraps (see threadCount). */
export interface CudaLaunchLimits {
  multiProcessorCount: number;
  maxThreadsPerMultiProcessor: number;
}

const BLOCK = 256;

/**
 * Threads PyTorch launches for `numel` values: blocks of 256, at most (SMs × threads per SM /
 * 256) blocks. Without limits every element gets its own thread (the common case for tensors
 * that fit the GPU's resident threads, e.g. ≤ 196,608 values on a 128-SM RTX 4090).
 */
export function threadCount(numel: number, limits?: CudaLaunchLimits): number {
  const blocks = Math.ceil(numel / BLOCK);
  if (limits === undefined) {
    return blocks * BLOCK;
  }
  const perSm = Math.floor(limits.maxThreadsPerMultiProcessor / BLOCK);
  return Math.min(blocks, limits.multiProcessorCount * perSm) * BLOCK;
}

export interface RandnOptions {
  /** 'bfloat16' (default: the CUDA model dtype) or 'none' (fp32 torch.randn). */
  rounding?: 'bfloat16' | 'none';
  limits?: CudaLaunchLimits;
}

/** Splits a non-negative integer seed (< 2^53) into cuRAND's two key words. */
export function seedKey(seed: number): [number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  }
  return [(seed % 2 ** 32) >>> 0, Math.floor(seed / 2 ** 32) >>> 0];
}

/**
 * `torch.Generator('cuda').manual_seed(seed)` then `torch.randn(numel)` (first call on that
 * generator), written into `out` (length numel).
 */
export function cudaRandn(
  seed: number,
  out: Float32Array,
  options: RandnOptions = {},
): Float32Array {
  const numel = out.length;
  const [k0, k1] = seedKey(seed);
  const threads = threadCount(numel, options.limits);
  const round = (options.rounding ?? 'bfloat16') === 'bfloat16';
  const words = new Uint32Array(4);
  const pair = new Float64Array(2);
  const values = new Float64Array(4);
  const perCall = threads * 4;
  if (threads >= numel) {
    // The common case: one value per thread, the sine of the first Box-Muller pair.
    for (let index = 0; index < numel; index += 1) {
      philox4x32x10(0, 0, index, 0, k0, k1, words);
      boxMuller(words[0] ?? 0, words[1] ?? 0, pair);
      const value = pair[0] ?? 0;
      out[index] = round ? roundToBfloat16(value) : value;
    }
    return out;
  }
  for (let thread = 0; thread < threads; thread += 1) {
    for (let call = 0; call * perCall + thread < numel; call += 1) {
      // Counter: words 0-1 = call index (offset 0 + increments), words 2-3 = subsequence.
      philox4x32x10(call, 0, thread, 0, k0, k1, words);
      boxMuller(words[0] ?? 0, words[1] ?? 0, pair);
      values[0] = pair[0] ?? 0;
      values[1] = pair[1] ?? 0;
      boxMuller(words[2] ?? 0, words[3] ?? 0, pair);
      values[2] = pair[0] ?? 0;
      values[3] = pair[1] ?? 0;
      for (let k = 0; k < 4; k += 1) {
        const index = call * perCall + k * threads + thread;
        if (index < numel) {
          const value = values[k] ?? 0;
          out[index] = round ? roundToBfloat16(value) : value;
        }
      }
    }
  }
  return out;
}
