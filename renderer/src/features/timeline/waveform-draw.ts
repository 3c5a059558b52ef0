/**
 * How a tile's peaks become pixels (wavesurfer.js's renderFunction): per pixel column the
 * lowest and highest value the column covers, so the true min/max envelope shows (not a
 * mirrored magnitude), columns never leave gaps when zoomed in past the peak resolution, and
 * tiles join without seams. Left channel in the top half, right in the bottom half.
 */

/**
 * Per column, the lowest min and highest max of the peak windows it covers (at least one).
 * `values` holds [min, max] pairs, one per window.
 */
export function columnExtents(
  values: ArrayLike<number>,
  width: number,
): { min: Float32Array; max: Float32Array } {
  const min = new Float32Array(width);
  const max = new Float32Array(width);
  const windows = Math.floor(values.length / 2);
  for (let x = 0; x < width; x += 1) {
    const from = Math.floor((x * windows) / width);
    const to = Math.max(from + 1, Math.floor(((x + 1) * windows) / width));
    let lo = Infinity;
    let hi = -Infinity;
    for (let w = from; w < Math.min(to, windows); w += 1) {
      lo = Math.min(lo, values[2 * w] as number);
      hi = Math.max(hi, values[2 * w + 1] as number);
    }
    min[x] = lo === Infinity ? 0 : lo;
    max[x] = hi === -Infinity ? 0 : hi;
  }
  return { min, max };
}

/** Draws both channels' envelopes into the whole canvas. */
export function drawEnvelope(
  peaks: readonly ArrayLike<number>[],
  ctx: CanvasRenderingContext2D,
): void {
  const { width, height } = ctx.canvas;
  const half = height / 2;
  peaks.slice(0, 2).forEach((values, channel) => {
    const { min, max } = columnExtents(values, width);
    const centre = half * channel + half / 2;
    const scale = half / 2;
    for (let x = 0; x < width; x += 1) {
      const top = centre - Math.min(1, max[x] as number) * scale;
      const bottom = centre - Math.max(-1, min[x] as number) * scale;
      ctx.fillRect(x, top, 1, Math.max(1, bottom - top));
    }
  });
}
