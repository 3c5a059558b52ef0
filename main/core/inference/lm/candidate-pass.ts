/**
 * The per-token passes over the allowed candidates, written as tight loops over typed arrays
 * (no allocation, no per-id mask test): a candidate set is a list of ascending runs
 * `[start, end)` plus a list of ascending ids; a constraint uses one or the other.
 *
 * 1. `scoreCandidates`: classifier-free guidance u + cfg·(c − u) (rounded to float32, the
 *    reference's precision), the repetition penalty for ids already seen, the best score and
 *    its id (lowest id on ties), written into `scores[id]`.
 * 2. `binCandidates`: each candidate's bin by its distance below the best score (see
 *    certified-draw.ts) into `bins[id]`, and the count per bin.
 * 3. `collectBins`: the ids of bins below a limit, grouped by bin (a counting sort), ascending
 *    ids within each bin.
 */

/** Running totals of the scoring pass. */
export interface ScoreTotals {
  count: number;
  max: number;
  best: number;
}

/** Where the guided scores come from: `uncond` < 0 means no guidance. */
export interface ScoreSource {
  logits: Float32Array;
  cond: number;
  uncond: number;
  cfg: number;
  /** 1 = off. */
  penalty: number;
  seen: Uint8Array | undefined;
}

export function scoreCandidates(
  runs: Int32Array,
  ids: Int32Array,
  source: ScoreSource,
  scores: Float32Array,
  totals: ScoreTotals,
): void {
  totals.count = 0;
  totals.max = -Infinity;
  totals.best = -1;
  if (source.penalty === 1 || source.seen === undefined) {
    if (source.uncond < 0) {
      scorePlainRuns(runs, source, scores, totals);
    } else {
      scoreGuidedRuns(runs, source, scores, totals);
    }
  } else {
    scoreRunsWithPenalty(runs, source, scores, totals);
  }
  if (ids.length > 0) {
    scoreIds(ids, source, scores, totals);
  }
}

function scorePlainRuns(
  runs: Int32Array,
  source: ScoreSource,
  scores: Float32Array,
  totals: ScoreTotals,
): void {
  const { logits, cond } = source;
  let max = totals.max;
  let best = totals.best;
  let count = totals.count;
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r] ?? 0;
    const end = runs[r + 1] ?? 0;
    count += end - start;
    for (let id = start; id < end; id++) {
      const v = logits[cond + id] ?? 0;
      scores[id] = v;
      if (v > max) {
        max = v;
        best = id;
      }
    }
  }
  totals.max = max;
  totals.best = best;
  totals.count = count;
}

function scoreGuidedRuns(
  runs: Int32Array,
  source: ScoreSource,
  scores: Float32Array,
  totals: ScoreTotals,
): void {
  const { logits, cond, uncond, cfg } = source;
  let max = totals.max;
  let best = totals.best;
  let count = totals.count;
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r] ?? 0;
    const end = runs[r + 1] ?? 0;
    count += end - start;
    for (let id = start; id < end; id++) {
      const u = logits[uncond + id] ?? 0;
      const v = Math.fround(u + cfg * ((logits[cond + id] ?? 0) - u));
      scores[id] = v;
      if (v > max) {
        max = v;
        best = id;
      }
    }
  }
  totals.max = max;
  totals.best = best;
  totals.count = count;
}

/** One candidate's score: guidance, then the HF repetition penalty when `id` was seen. */
function scoreOf(source: ScoreSource, id: number): number {
  const c = source.logits[source.cond + id] ?? 0;
  let v = c;
  if (source.uncond >= 0) {
    const u = source.logits[source.uncond + id] ?? 0;
    v = Math.fround(u + source.cfg * (c - u));
  }
  if (source.penalty !== 1 && source.seen?.[id] === 1) {
    v = Math.fround(v > 0 ? v / source.penalty : v * source.penalty);
  }
  return v;
}

function scoreRunsWithPenalty(
  runs: Int32Array,
  source: ScoreSource,
  scores: Float32Array,
  totals: ScoreTotals,
): void {
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r] ?? 0;
    const end = runs[r + 1] ?? 0;
    totals.count += end - start;
    for (let id = start; id < end; id++) {
      const v = scoreOf(source, id);
      scores[id] = v;
      if (v > totals.max) {
        totals.max = v;
        totals.best = id;
      }
    }
  }
}

function scoreIds(
  ids: Int32Array,
  source: ScoreSource,
  scores: Float32Array,
  totals: ScoreTotals,
): void {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? 0;
    const v = scoreOf(source, id);
    scores[id] = v;
    if (v > totals.max || (v === totals.max && id < totals.best)) {
      totals.max = v;
      totals.best = id;
    }
  }
  totals.count += ids.length;
}

/**
 * Bin j = ⌊(max − score)·binsPerNat⌋, capped at `lastBin` (−∞ scores land there; NaN lands in
 * bin 0, where its weight turns the total into NaN and the sampler reports it).
 */
export function binCandidates(
  runs: Int32Array,
  ids: Int32Array,
  scores: Float32Array,
  max: number,
  binsPerNat: number,
  lastBin: number,
  bins: Uint16Array,
  counts: Int32Array,
): void {
  for (let r = 0; r < runs.length; r += 2) {
    const end = runs[r + 1] ?? 0;
    for (let id = runs[r] ?? 0; id < end; id++) {
      const j = Math.min((max - (scores[id] ?? 0)) * binsPerNat, lastBin) | 0;
      bins[id] = j;
      counts[j] = (counts[j] ?? 0) + 1;
    }
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? 0;
    const j = Math.min((max - (scores[id] ?? 0)) * binsPerNat, lastBin) | 0;
    bins[id] = j;
    counts[j] = (counts[j] ?? 0) + 1;
  }
}

/** Writes the ids with `bins[id] < limit` into `order`, at `next[bin]++` (ascending ids). */
export function collectBins(
  runs: Int32Array,
  ids: Int32Array,
  bins: Uint16Array,
  limit: number,
  next: Int32Array,
  order: Int32Array,
): void {
  for (let r = 0; r < runs.length; r += 2) {
    const end = runs[r + 1] ?? 0;
    for (let id = runs[r] ?? 0; id < end; id++) {
      const b = bins[id] ?? 0;
      if (b < limit) {
        order[next[b] ?? 0] = id;
        next[b] = (next[b] ?? 0) + 1;
      }
    }
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? 0;
    const b = bins[id] ?? 0;
    if (b < limit) {
      order[next[b] ?? 0] = id;
      next[b] = (next[b] ?? 0) + 1;
    }
  }
}
