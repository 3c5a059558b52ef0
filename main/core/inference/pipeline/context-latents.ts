/**
 * Latent-side conditioning (spec §3.4): the source latents the DiT sees, the chunk mask
 * (1 = generate, 0 = keep) and their concatenation, the context latents [frames, 2·channels].
 */
import { StudioError } from '../../../../app/errors.ts';

/** The first `frames` rows of the silence latent [silenceFrames, channels]. */
export function silenceLatents(
  silence: Float32Array,
  frames: number,
  channels: number,
): Float32Array {
  if (frames * channels > silence.length) {
    throw new StudioError(
      'VALIDATION_FAILED',
      `${frames} frames exceed the silence latent (${silence.length / channels}).`,
    );
  }
  return silence.slice(0, frames * channels);
}

/** 1 inside the region (or everywhere without one), 0 outside. */
export function chunkMask(
  frames: number,
  region: { start: number; end: number } | null,
): Float32Array {
  const mask = new Float32Array(frames);
  if (region === null) {
    return mask.fill(1);
  }
  mask.fill(1, region.start, region.end);
  return mask;
}

/** A copy of `latents` with the region's rows replaced by the silence latent's rows. */
export function silenceRegion(
  latents: Float32Array,
  silence: Float32Array,
  region: { start: number; end: number },
  channels: number,
): Float32Array {
  const out = latents.slice();
  out.set(
    silence.subarray(region.start * channels, region.end * channels),
    region.start * channels,
  );
  return out;
}

/** [src ‖ mask broadcast over channels] per frame: [frames, 2·channels]. */
export function contextLatents(
  src: Float32Array,
  mask: Float32Array,
  frames: number,
  channels: number,
): Float32Array {
  const out = new Float32Array(frames * 2 * channels);
  for (let f = 0; f < frames; f += 1) {
    out.set(src.subarray(f * channels, (f + 1) * channels), f * 2 * channels);
    out.fill(mask[f] ?? 0, f * 2 * channels + channels, (f + 1) * 2 * channels);
  }
  return out;
}
