/**
 * Integrated loudness after ITU-R BS.1770-4 / EBU R 128, for loudness-normalising the mix:
 * K-weighting (the standard's two biquads, specified at 48 kHz), 400 ms blocks every 100 ms,
 * an absolute gate at −70 LUFS and a relative gate 10 LU below the ungated level.
 */

export const LOUDNESS_RATE = 48_000;
const SEGMENT = LOUDNESS_RATE / 10; // 100 ms
const SEGMENTS_PER_BLOCK = 4; // 400 ms
const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** BS.1770-4 Table 1: the head-related high shelf. */
const SHELF: Biquad = {
  b0: 1.53512485958697,
  b1: -2.69169618940638,
  b2: 1.19839281085285,
  a1: -1.69065929318241,
  a2: 0.73248077421585,
};

/** BS.1770-4 Table 2: the RLB high-pass. */
const HIGH_PASS: Biquad = { b0: 1, b1: -2, b2: 1, a1: -1.99004745483398, a2: 0.99007225036621 };

/** The K-weighting filter of one channel (both biquads, direct form I, float64 state). */
class KWeighting {
  #x1 = 0;
  #x2 = 0;
  #y1 = 0;
  #y2 = 0;
  #z1 = 0;
  #z2 = 0;

  /** Adds the squares of the filtered `input[from..to)` and returns their sum. */
  energy(input: Float32Array, from: number, to: number): number {
    const s = SHELF;
    const h = HIGH_PASS;
    let { x1, x2, y1, y2, z1, z2 } = this.#state();
    let sum = 0;
    for (let i = from; i < to; i += 1) {
      const x = input[i] ?? 0;
      const y = s.b0 * x + s.b1 * x1 + s.b2 * x2 - s.a1 * y1 - s.a2 * y2;
      const z = h.b0 * y + h.b1 * y1 + h.b2 * y2 - h.a1 * z1 - h.a2 * z2;
      x2 = x1;
      x1 = x;
      z2 = z1;
      z1 = z;
      y2 = y1;
      y1 = y;
      sum += z * z;
    }
    this.#x1 = x1;
    this.#x2 = x2;
    this.#y1 = y1;
    this.#y2 = y2;
    this.#z1 = z1;
    this.#z2 = z2;
    return sum;
  }

  #state() {
    return { x1: this.#x1, x2: this.#x2, y1: this.#y1, y2: this.#y2, z1: this.#z1, z2: this.#z2 };
  }
}

const toLufs = (meanSquare: number): number => -0.691 + 10 * Math.log10(meanSquare);

/**
 * Measures integrated loudness of 48 kHz audio pushed block by block (front channels, weight
 * 1), so an export of any length is measured without holding it in memory.
 */
export class LoudnessMeter {
  readonly #filters: KWeighting[];
  /** Per finished 100 ms segment: the summed energy over channels. */
  readonly #segments: number[] = [];
  #partial = 0;
  #filled = 0;

  constructor(channels: number) {
    this.#filters = Array.from({ length: channels }, () => new KWeighting());
  }

  push(block: readonly Float32Array[]): void {
    const frames = block[0]?.length ?? 0;
    let at = 0;
    while (at < frames) {
      const take = Math.min(SEGMENT - this.#filled, frames - at);
      block.forEach((channel, c) => {
        this.#partial += this.#filters[c]?.energy(channel, at, at + take) ?? 0;
      });
      at += take;
      this.#filled += take;
      if (this.#filled === SEGMENT) {
        this.#segments.push(this.#partial);
        this.#partial = 0;
        this.#filled = 0;
      }
    }
  }

  /** Integrated loudness in LUFS so far; −Infinity for silence or under 400 ms. */
  integrated(): number {
    const blocks: number[] = [];
    for (let start = 0; start + SEGMENTS_PER_BLOCK <= this.#segments.length; start += 1) {
      let sum = 0;
      for (let k = 0; k < SEGMENTS_PER_BLOCK; k += 1) {
        sum += this.#segments[start + k] ?? 0;
      }
      blocks.push(sum / (SEGMENT * SEGMENTS_PER_BLOCK));
    }
    const absolute = blocks.filter((power) => toLufs(power) > ABSOLUTE_GATE_LUFS);
    if (absolute.length === 0) {
      return -Infinity;
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const relativeGate = toLufs(mean(absolute)) + RELATIVE_GATE_LU;
    return toLufs(mean(absolute.filter((power) => toLufs(power) > relativeGate)));
  }
}

/** Integrated loudness in LUFS of whole 48 kHz channels (see LoudnessMeter). */
export function integratedLoudness(channels: readonly Float32Array[]): number {
  const meter = new LoudnessMeter(channels.length);
  meter.push(channels);
  return meter.integrated();
}

/** Largest absolute sample value over all channels (1 = 0 dBFS). */
export function samplePeak(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const channel of channels) {
    for (const value of channel) {
      const magnitude = Math.abs(value);
      if (magnitude > peak) {
        peak = magnitude;
      }
    }
  }
  return peak;
}

export interface NormalisationGain {
  /** Linear gain to apply. */
  gain: number;
  /** Loudness before, LUFS. */
  measuredLufs: number;
  /** Loudness after, LUFS. */
  resultLufs: number;
  /** True when the gain was lowered so the sample peak stays at `ceilingDb`. */
  peakLimited: boolean;
}

/**
 * The gain that brings `channels` to `targetLufs`, never raising the sample peak above
 * `ceilingDb` dBFS (no limiter: a quieter result is preferred to clipping).
 */
export function normalisationGain(
  channels: readonly Float32Array[],
  targetLufs: number,
  ceilingDb = -1,
): NormalisationGain {
  return gainForLoudness(integratedLoudness(channels), samplePeak(channels), targetLufs, ceilingDb);
}

/** `normalisationGain` from a measured loudness (LUFS) and sample peak (linear). */
export function gainForLoudness(
  measured: number,
  peak: number,
  targetLufs: number,
  ceilingDb = -1,
): NormalisationGain {
  if (!Number.isFinite(measured)) {
    return { gain: 1, measuredLufs: measured, resultLufs: measured, peakLimited: false };
  }
  const wanted = 10 ** ((targetLufs - measured) / 20);
  const ceiling = 10 ** (ceilingDb / 20);
  const limit = peak > 0 ? ceiling / peak : Infinity;
  const gain = Math.min(wanted, limit);
  return {
    gain,
    measuredLufs: measured,
    resultLufs: measured + 20 * Math.log10(gain),
    peakLimited: wanted > limit,
  };
}
