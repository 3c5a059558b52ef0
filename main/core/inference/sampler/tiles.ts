/**
 * Overlap-discard tiling (spec §8.2) for the VAE: each tile is decoded (or encoded) with
 * `overlap` frames of context on each side, and only its core is kept. No cross-fade: the
 * context covers the receptive field, so joins are seamless.
 */
export interface Tile {
  /** The frames this tile contributes: [coreStart, coreEnd). */
  coreStart: number;
  coreEnd: number;
  /** The frames it is run on: the core widened by `overlap` each side, clipped to [0, total). */
  windowStart: number;
  windowEnd: number;
}

/**
 * Tiles for `total` frames with windows of about `chunk` frames. When `total` ≤ `chunk` there is
 * one tile. The stride is chunk − 2·overlap; the overlap is halved until the stride is positive.
 */
export function planTiles(total: number, chunk: number, overlap: number): Tile[] {
  if (!Number.isInteger(total) || total < 1 || !Number.isInteger(chunk) || chunk < 1) {
    throw new RangeError(`cannot tile ${total} frames in chunks of ${chunk}`);
  }
  if (total <= chunk) {
    return [{ coreStart: 0, coreEnd: total, windowStart: 0, windowEnd: total }];
  }
  let margin = Math.max(0, Math.floor(overlap));
  while (chunk - 2 * margin <= 0) {
    margin = Math.floor(margin / 2);
  }
  const stride = chunk - 2 * margin;
  const tiles: Tile[] = [];
  for (let start = 0; start < total; start += stride) {
    const coreEnd = Math.min(start + stride, total);
    tiles.push({
      coreStart: start,
      coreEnd,
      windowStart: Math.max(0, start - margin),
      windowEnd: Math.min(total, coreEnd + margin),
    });
  }
  return tiles;
}
