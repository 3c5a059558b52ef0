/**
 * Protecting the untouched part of a repaint (the later upstream behaviour, spec §4 and §12
 * #8, not the f30aee4 one that only conditions): for the first `injectionRatio` of the steps the
 * frames outside the region are reset to the source re-noised to the step's time; after
 * sampling, the generated frames are cross-faded into the source over the region's inner
 * borders. Choice: upstream ramps over frames *outside* the region (leaking generated audio
 * into the kept part); we ramp *inside*, so frames outside stay exactly the source latents.
 */

/** Rows outside the region of every item ← t·noise + (1 − t)·clean (clean is [frames, C]). */
export function injectSource(
  x: Float32Array,
  noise: Float32Array,
  clean: Float32Array,
  keep: Float32Array,
  t: number,
  dims: { batch: number; frames: number; channels: number },
): void {
  const { batch, frames, channels } = dims;
  for (let b = 0; b < batch; b += 1) {
    for (let f = 0; f < frames; f += 1) {
      if ((keep[f] ?? 0) === 0) {
        continue;
      }
      const row = (b * frames + f) * channels;
      for (let c = 0; c < channels; c += 1) {
        x[row + c] = t * (noise[row + c] ?? 0) + (1 - t) * (clean[f * channels + c] ?? 0);
      }
    }
  }
}

/** 1 deep inside the region, ramping (k+1)/(n+1) over `crossfade` frames at each inner border, 0 outside. */
export function softRegionMask(
  frames: number,
  region: { start: number; end: number },
  crossfade: number,
): Float32Array {
  const soft = new Float32Array(frames);
  const length = region.end - region.start;
  const ramp = Math.max(0, Math.min(crossfade, Math.floor(length / 2)));
  for (let f = region.start; f < region.end; f += 1) {
    const fromStart = f - region.start;
    const fromEnd = region.end - 1 - f;
    const edge = Math.min(fromStart, fromEnd);
    soft[f] = edge < ramp ? (edge + 1) / (ramp + 1) : 1;
  }
  return soft;
}

/** x ← m·x + (1 − m)·clean per frame, for every item. */
export function blendWithSource(
  x: Float32Array,
  clean: Float32Array,
  soft: Float32Array,
  dims: { batch: number; frames: number; channels: number },
): void {
  const { batch, frames, channels } = dims;
  for (let b = 0; b < batch; b += 1) {
    for (let f = 0; f < frames; f += 1) {
      const m = soft[f] ?? 0;
      const row = (b * frames + f) * channels;
      for (let c = 0; c < channels; c += 1) {
        x[row + c] = m * (x[row + c] ?? 0) + (1 - m) * (clean[f * channels + c] ?? 0);
      }
    }
  }
}
