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

/** Sum of squares of the K-weighted signal over each 100 ms segment. */
function segmentEnergies(channel: Float32Array): Float64Array {
  const count = Math.floor(channel.length / SEGMENT);
  const energies = new Float64Array(count);
  // Direct form I state of both stages, in float64.
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0, z1 = 0, z2 = 0; // prettier-ignore
  const s = SHELF;
  const h = HIGH_PASS;
  for (let seg = 0; seg < count; seg += 1) {
    let sum = 0;
    for (let i = seg * SEGMENT, end = i + SEGMENT; i < end; i += 1) {
      const x = channel[i] ?? 0;
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
    energies[seg] = sum;
  }
  return energies;
}

const toLufs = (meanSquare: number): number => -0.691 + 10 * Math.log10(meanSquare);

/**
 * Integrated loudness in LUFS of 48 kHz audio, one Float32Array per channel (front channels,
 * weight 1). −Infinity for silence or audio shorter than one 400 ms block.
 */
export function integratedLoudness(channels: readonly Float32Array[]): number {
  const perChannel = channels.map(segmentEnergies);
  const segments = Math.min(...perChannel.map((e) => e.length));
  const blocks: number[] = [];
  for (let start = 0; start + SEGMENTS_PER_BLOCK <= segments; start += 1) {
    let power = 0;
    for (const energies of perChannel) {
      let sum = 0;
      for (let k = 0; k < SEGMENTS_PER_BLOCK; k += 1) {
        sum += energies[start + k] ?? 0;
      }
      power += sum / (SEGMENT * SEGMENTS_PER_BLOCK);
    }
    blocks.push(power);
  }
  const absolute = blocks.filter((power) => toLufs(power) > ABSOLUTE_GATE_LUFS);
  if (absolute.length === 0) {
    return -Infinity;
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const relativeGate = toLufs(mean(absolute)) + RELATIVE_GATE_LU;
  const gated = absolute.filter((power) => toLufs(power) > relativeGate);
  return toLufs(mean(gated));
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
  const measured = integratedLoudness(channels);
  if (!Number.isFinite(measured)) {
    return { gain: 1, measuredLufs: measured, resultLufs: measured, peakLimited: false };
  }
  const wanted = 10 ** ((targetLufs - measured) / 20);
  const peak = samplePeak(channels);
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
