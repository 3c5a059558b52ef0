/**
 * What the decoder may emit at one position, in a form the sampler can use without scanning
 * the whole vocabulary when the set is small.
 */
export type TokenConstraint =
  /** Exactly these ids (ascending); `greedy` picks the best-scoring one instead of sampling. */
  | { readonly kind: 'only'; readonly ids: Int32Array; readonly greedy: boolean }
  /** Every id whose `blocked[id]` is 0. */
  | { readonly kind: 'mask'; readonly blocked: Uint8Array }
  /** Ids in `[start, end)`, plus `extra` when it is ≥ 0 (audio codes and end-of-sequence). */
  | {
      readonly kind: 'range';
      readonly start: number;
      readonly end: number;
      readonly extra: number;
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
