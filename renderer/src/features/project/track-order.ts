/** Where a dragged track lands, as the `toIndex` of a track.move op. */

/**
 * track.move removes the track first, then inserts at `toIndex`: dropping track `from` before
 * (or after) the track at `target` lands one lower when it came from above.
 */
export function dropIndex(from: number, target: number, after: boolean): number {
  const slot = after ? target + 1 : target;
  return from < slot ? slot - 1 : slot;
}
