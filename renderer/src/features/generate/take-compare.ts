/**
 * Level-matched comparison of takes: each preview plays at the gain that brings it to the
 * quietest take's integrated loudness (BS.1770, measured when the take was stored), so louder
 * takes do not win by being louder. Gains never exceed 1 (no preview is boosted or clipped).
 */
import type { ClipTake } from '../../../../app/model/takes.ts';

/** Linear preview gains in take order; takes without a loudness (silence) play at 1. */
export function matchedGains(takes: readonly ClipTake[]): number[] {
  const measured = takes
    .map((take) => take.loudnessLufs)
    .filter((lufs): lufs is number => lufs !== null);
  if (measured.length === 0) {
    return takes.map(() => 1);
  }
  const quietest = Math.min(...measured);
  return takes.map((take) =>
    take.loudnessLufs === null ? 1 : Math.min(1, 10 ** ((quietest - take.loudnessLufs) / 20)),
  );
}
