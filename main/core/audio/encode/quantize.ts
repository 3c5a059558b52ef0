/**
 * Float to integer PCM for encoders that take integers (WAV, FLAC, MP3), with optional TPDF
 * dither. Frames are quantised in time order, left then right, so the dither sequence (and so
 * the file) does not depend on how the stream was cut into blocks.
 */
import type { TpdfDither } from './dither.ts';

/** Quantises `x` (nominal [-1, 1)) to a signed `bits` integer, clamped, dither added first. */
export function quantizeSample(x: number, bits: 16 | 24, dither: TpdfDither | null): number {
  const scale = bits === 16 ? 32768 : 8388608;
  const q = Math.round(x * scale + (dither === null ? 0 : dither.next()));
  return q < -scale ? -scale : q > scale - 1 ? scale - 1 : q;
}

/** Stereo frames to interleaved integers [l0, r0, l1, r1, ...]. */
export function quantizeStereo(
  left: Float32Array,
  right: Float32Array,
  bits: 16 | 24,
  dither: TpdfDither | null,
): Int32Array<ArrayBuffer> {
  const out = new Int32Array(left.length * 2);
  for (let i = 0; i < left.length; i += 1) {
    out[2 * i] = quantizeSample(left[i] as number, bits, dither);
    out[2 * i + 1] = quantizeSample(right[i] as number, bits, dither);
  }
  return out;
}
