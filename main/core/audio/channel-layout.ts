/**
 * Any channel count to the studio's stereo. Mono is duplicated to both sides at unity. More
 * than two channels are downmixed with the ITU-R BS.775 coefficients: front left/right at 1,
 * centre at 1/√2 into both, surround left/right at 1/√2 into their side, LFE dropped. There is
 * no normalisation: the result is float and may exceed 1, exactly like the ITU matrix.
 */

/** Speaker positions, in the order WAVE_FORMAT_EXTENSIBLE's channel mask bits name them. */
export const SPEAKERS = [
  'FL', 'FR', 'FC', 'LFE', 'BL', 'BR', 'FLC', 'FRC', 'BC', 'SL', 'SR',
  'TC', 'TFL', 'TFC', 'TFR', 'TBL', 'TBC', 'TBR',
] as const; // prettier-ignore
export type Speaker = (typeof SPEAKERS)[number];

const K = Math.SQRT1_2;

/** [gain into left, gain into right] of each speaker. */
const DOWNMIX: Record<Speaker, readonly [number, number]> = {
  FL: [1, 0],
  FR: [0, 1],
  FC: [K, K],
  LFE: [0, 0],
  BL: [K, 0],
  BR: [0, K],
  FLC: [1, 0],
  FRC: [0, 1],
  BC: [K * K, K * K],
  SL: [K, 0],
  SR: [0, K],
  TC: [K * K, K * K],
  TFL: [K, 0],
  TFC: [K * K, K * K],
  TFR: [0, K],
  TBL: [K, 0],
  TBC: [K * K, K * K],
  TBR: [0, K],
};

/** Default WAV/FLAC layouts by channel count (Microsoft's defaults, which FLAC also uses). */
const WAV_ORDER: Record<number, Speaker[]> = {
  3: ['FL', 'FR', 'FC'],
  4: ['FL', 'FR', 'BL', 'BR'],
  5: ['FL', 'FR', 'FC', 'BL', 'BR'],
  6: ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR'],
  7: ['FL', 'FR', 'FC', 'LFE', 'BC', 'SL', 'SR'],
  8: ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR', 'SL', 'SR'],
};

/** Vorbis and Opus (mapping family 1) order: centre second, LFE last. */
const VORBIS_ORDER: Record<number, Speaker[]> = {
  3: ['FL', 'FC', 'FR'],
  4: ['FL', 'FR', 'BL', 'BR'],
  5: ['FL', 'FC', 'FR', 'BL', 'BR'],
  6: ['FL', 'FC', 'FR', 'BL', 'BR', 'LFE'],
  7: ['FL', 'FC', 'FR', 'SL', 'SR', 'BC', 'LFE'],
  8: ['FL', 'FC', 'FR', 'SL', 'SR', 'BL', 'BR', 'LFE'],
};

/** Speakers of an extensible channel mask, in channel order; null when it does not fit. */
export function speakersFromMask(mask: number, channels: number): Speaker[] | null {
  const speakers = SPEAKERS.filter((_, bit) => (mask & (1 << bit)) !== 0);
  return speakers.length === channels ? speakers : null;
}

export type ChannelOrder = 'wav' | 'vorbis';

/**
 * The stereo matrix for `channels` inputs: rows [left gains, right gains]. Unknown layouts
 * (more than 8 channels, no mask) keep the first two as left/right and add the rest at -3 dB
 * to both sides.
 */
export function stereoMatrix(
  channels: number,
  order: ChannelOrder,
  speakers: Speaker[] | null = null,
): [number[], number[]] {
  if (channels === 1) {
    return [[1], [1]];
  }
  if (channels === 2 && speakers === null) {
    return [
      [1, 0],
      [0, 1],
    ];
  }
  const layout = speakers ?? (order === 'wav' ? WAV_ORDER : VORBIS_ORDER)[channels];
  if (layout === undefined) {
    const rest = (i: number) => (i < 2 ? 0 : K * K);
    return [
      Array.from({ length: channels }, (_, i) => (i === 0 ? 1 : rest(i))),
      Array.from({ length: channels }, (_, i) => (i === 1 ? 1 : rest(i))),
    ];
  }
  return [layout.map((s) => DOWNMIX[s][0]), layout.map((s) => DOWNMIX[s][1])];
}

/** Applies a stereo matrix to planar channels of equal length. */
export function toStereo(
  input: readonly Float32Array[],
  matrix: [number[], number[]],
): [Float32Array, Float32Array] {
  const frames = input[0]?.length ?? 0;
  if (input.length === 1) {
    const mono = input[0] as Float32Array;
    return [mono, Float32Array.from(mono)];
  }
  if (input.length === 2 && matrix[0][0] === 1 && matrix[0][1] === 0 && matrix[1][1] === 1) {
    return [input[0] as Float32Array, input[1] as Float32Array];
  }
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  input.forEach((channel, c) => {
    const gl = matrix[0][c] ?? 0;
    const gr = matrix[1][c] ?? 0;
    for (let i = 0; i < frames; i += 1) {
      const v = channel[i] as number;
      left[i] = (left[i] as number) + gl * v;
      right[i] = (right[i] as number) + gr * v;
    }
  });
  return [left, right];
}
