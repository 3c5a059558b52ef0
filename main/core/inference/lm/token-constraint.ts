/**
 * What the decoder may emit at one position, in a form the sampler can use without scanning
 * the whole vocabulary when the set is small, and without testing a mask per id when it is
 * large: large sets carry their allowed ids as ascending runs `[start, end)`, built once (the
 * free caption allows 150,536 of 217,204 ids in 1,099 runs).
 */
export type TokenConstraint =
  /** Exactly these ids (ascending); `greedy` picks the best-scoring one instead of sampling. */
  | { readonly kind: 'only'; readonly ids: Int32Array; readonly greedy: boolean }
  /** Every id whose `blocked[id]` is 0; `runs` lists the same ids as ascending spans. */
  | { readonly kind: 'mask'; readonly blocked: Uint8Array; readonly runs: Int32Array }
  /** Ids in `[start, end)`, plus `extra` when it is ≥ 0 (audio codes and end-of-sequence). */
  | {
      readonly kind: 'range';
      readonly start: number;
      readonly end: number;
      readonly extra: number;
      readonly runs: Int32Array;
    };

/** True when `id` satisfies the constraint. */
export function constraintAllows(constraint: TokenConstraint, id: number): boolean {
  switch (constraint.kind) {
    case 'only':
      return constraint.ids.includes(id);
    case 'mask':
      return id >= 0 && id < constraint.blocked.length && constraint.blocked[id] === 0;
    case 'range':
      return (id >= constraint.start && id < constraint.end) || id === constraint.extra;
  }
}

/** A one-id constraint (forced token). */
export function forced(id: number): TokenConstraint {
  return { kind: 'only', ids: Int32Array.of(id), greedy: true };
}

/** Every id not blocked; build once per mask, not per token. */
export function maskConstraint(blocked: Uint8Array): TokenConstraint {
  const runs: number[] = [];
  for (let id = 0; id < blocked.length; id++) {
    if (blocked[id] === 0 && (id === 0 || blocked[id - 1] !== 0)) {
      runs.push(id);
    }
    if (blocked[id] === 0 && (id + 1 === blocked.length || blocked[id + 1] !== 0)) {
      runs.push(id + 1);
    }
  }
  return { kind: 'mask', blocked, runs: Int32Array.from(runs) };
}

/** Ids in `[start, end)` plus `extra` (≥ 0) as ascending runs; build once, not per token. */
export function rangeConstraint(start: number, end: number, extra = -1): TokenConstraint {
  const runs: number[] = [];
  const inside = extra >= start && extra < end;
  if (extra >= 0 && !inside && extra < start) {
    runs.push(extra, extra + 1);
  }
  if (end > start) {
    runs.push(start, end);
  }
  if (extra >= 0 && !inside && extra >= end) {
    runs.push(extra, extra + 1);
  }
  return { kind: 'range', start, end, extra, runs: mergeRuns(runs) };
}

/** Joins touching spans ([a, b) followed by [b, c) becomes [a, c)). */
function mergeRuns(runs: readonly number[]): Int32Array {
  const out: number[] = [];
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r] ?? 0;
    const end = runs[r + 1] ?? 0;
    if (out.length > 0 && out[out.length - 1] === start) {
      out[out.length - 1] = end;
    } else {
      out.push(start, end);
    }
  }
  return Int32Array.from(out);
}
