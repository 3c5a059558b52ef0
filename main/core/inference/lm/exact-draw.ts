/**
 * The straightforward draw for SMALL candidate sets (a prefix tree's few continuations) and
 * the last resort of the binned draw: every candidate's weight with `Math.exp`, a full sort,
 * then spec §6.4 literally. Candidates ranked by score, best first, ties by lower id; top-k
 * keeps scores ≥ the k-th; top-p keeps a candidate while the untempered mass before it is
 * below p·Z; the draw takes the first kept candidate whose cumulative tempered mass exceeds
 * u·Z_T, with one uniform u.
 */
import type { DrawParams } from './binned-draw.ts';

/** Draws among the n candidates `ids[0..n)` scored `scores[0..n)`, best score `max`. */
export function exactDraw(
  ids: Int32Array,
  scores: Float32Array,
  n: number,
  max: number,
  params: DrawParams,
  uniform: number,
): number {
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => (scores[y] ?? 0) - (scores[x] ?? 0) || (ids[x] ?? 0) - (ids[y] ?? 0),
  );
  let kept = n;
  if (params.topK > 0 && params.topK < n) {
    const kth = scores[order[params.topK - 1] ?? 0] ?? 0;
    kept = params.topK;
    while (kept < n && scores[order[kept] ?? 0] === kth) {
      kept++;
    }
  }
  if (params.topP > 0 && params.topP < 1) {
    let total = 0;
    for (let j = 0; j < kept; j++) {
      total += Math.exp((scores[order[j] ?? 0] ?? 0) - max);
    }
    let before = 0;
    let nucleus = 0;
    while (nucleus < kept && before < params.topP * total) {
      before += Math.exp((scores[order[nucleus] ?? 0] ?? 0) - max);
      nucleus++;
    }
    kept = Math.max(1, nucleus);
  }
  const inverse = 1 / params.temperature;
  let total = 0;
  for (let j = 0; j < kept; j++) {
    total += Math.exp(((scores[order[j] ?? 0] ?? 0) - max) * inverse);
  }
  let target = uniform * total;
  for (let j = 0; j < kept; j++) {
    target -= Math.exp(((scores[order[j] ?? 0] ?? 0) - max) * inverse);
    if (target < 0) {
      return ids[order[j] ?? 0] ?? 0;
    }
  }
  return ids[order[kept - 1] ?? 0] ?? 0;
}
