/**
 * The one pass per token over the allowed candidates (the only pass over the whole vocabulary
 * on the common paths): classifier-free guidance u + cfg·(c − u) (rounded to float32, the
 * reference's precision), the repetition penalty for ids already seen, the best score and its
 * id (lowest id on ties), and a HISTOGRAM of the scores on a fixed grid of 1/64 nat — bin
 * j = ⌊64·score⌋ + 32,768 — with each bin's members chained in a list (`head[j]`, `next[id]`).
 *
 * The loop has no data-dependent branch (only the rare new-best and new-worst updates), and
 * writes nothing but the histogram and one link per candidate: listing "near" candidates
 * behind a comparison instead costs a branch misprediction per candidate on flat logits.
 * Scores are not stored; the draw recomputes the few it needs with `scoreOf` (bit-identical).
 *
 * A candidate set is a list of ascending runs `[start, end)` plus a list of ids; a constraint
 * uses one or the other. Scores outside the grid (|score| ≥ 511 nats, ±∞) or NaN make
 * `inRange` false; the sampler then takes the exact path (or reports the NaN).
 */

import { expNeg } from './fast-exp.ts';

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

export const BINS_PER_NAT = 64;
export const BIN_OFFSET = 32_768;
const BIN_MASK = 0xffff;
/** Scores within ±this many nats bin without wrapping (a margin below 512). */
const GRID_NATS = 511;

/** The scan's result; the arrays are reused from token to token. */
export class ScoreHistogram {
  readonly counts = new Int32Array(BIN_MASK + 1);
  readonly head = new Int32Array(BIN_MASK + 1).fill(-1);
  /** `next[id]`: the following member of id's bin, −1 at the end. */
  readonly next: Int32Array;
  count = 0;
  max = -Infinity;
  min = Infinity;
  best = -1;
  /** Bins of the best and the worst score (valid when inRange). */
  top = 0;
  bottom = 0;
  private dirtyLow = 0;
  private dirtyHigh = BIN_MASK;

  constructor(vocabSize: number) {
    this.next = new Int32Array(vocabSize);
  }

  /**
   * Scores are finite and on the grid: no |score| ≥ 511 nats, no ±∞, and no NaN (NaN bins to
   * 0, as do scores off the grid's ends, and may hide the minimum: bin 0 must be empty).
   */
  get inRange(): boolean {
    return this.max < GRID_NATS && this.min > -GRID_NATS && this.counts[0] === 0;
  }

  /** Empties the bins the last scan touched. */
  reset(): void {
    this.counts.fill(0, this.dirtyLow, this.dirtyHigh + 1);
    this.head.fill(-1, this.dirtyLow, this.dirtyHigh + 1);
    this.count = 0;
    this.max = -Infinity;
    this.min = Infinity;
    this.best = -1;
  }

  /** Records the touched range (everything, when a score fell off the grid). */
  finish(): void {
    if (this.inRange) {
      this.top = binOf(this.max);
      this.bottom = binOf(this.min);
      this.dirtyLow = this.bottom;
      this.dirtyHigh = this.top;
    } else {
      this.dirtyLow = 0;
      this.dirtyHigh = BIN_MASK;
    }
  }
}

export function binOf(score: number): number {
  return ((score * BINS_PER_NAT + BIN_OFFSET) | 0) & BIN_MASK;
}

export function scanCandidates(
  runs: Int32Array,
  ids: Int32Array,
  source: ScoreSource,
  histogram: ScoreHistogram,
): void {
  histogram.reset();
  if (source.penalty !== 1 && source.seen !== undefined) {
    scanGeneric(runs, source, histogram);
  } else if (source.uncond < 0) {
    scanPlainRuns(runs, source, histogram);
  } else {
    scanGuidedRuns(runs, source, histogram);
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? 0;
    add(histogram, id, scoreOf(source, id));
  }
  histogram.finish();
}

function scanPlainRuns(runs: Int32Array, source: ScoreSource, histogram: ScoreHistogram): void {
  for (let r = 0; r < runs.length; r += 2) {
    scanPlainRun(runs[r] ?? 0, runs[r + 1] ?? 0, source, histogram);
  }
}

function scanGuidedRuns(runs: Int32Array, source: ScoreSource, histogram: ScoreHistogram): void {
  for (let r = 0; r < runs.length; r += 2) {
    scanGuidedRun(runs[r] ?? 0, runs[r + 1] ?? 0, source, histogram);
  }
}

// One run per call: V8 optimises a flat loop well, but a loop nested in the runs loop stays
// in on-stack-replacement code that is thrown away at every inner loop exit. Two candidates
// per iteration: the loop is bound by instruction count, not by latency.
function scanPlainRun(
  start: number,
  end: number,
  source: ScoreSource,
  histogram: ScoreHistogram,
): void {
  const { logits, cond } = source;
  const { counts, head, next } = histogram;
  let max = histogram.max;
  let min = histogram.min;
  let best = histogram.best;
  let id = start;
  for (; id + 1 < end; id += 2) {
    const v0 = logits[cond + id] ?? 0;
    const v1 = logits[cond + id + 1] ?? 0;
    if (v0 > max) {
      max = v0;
      best = id;
    }
    if (v1 > max) {
      max = v1;
      best = id + 1;
    }
    if (!(v0 >= min)) {
      min = v0;
    }
    if (!(v1 >= min)) {
      min = v1;
    }
    const j0 = ((v0 * BINS_PER_NAT + BIN_OFFSET) | 0) & BIN_MASK;
    counts[j0] = (counts[j0] ?? 0) + 1;
    next[id] = head[j0] ?? -1;
    head[j0] = id;
    const j1 = ((v1 * BINS_PER_NAT + BIN_OFFSET) | 0) & BIN_MASK;
    counts[j1] = (counts[j1] ?? 0) + 1;
    next[id + 1] = head[j1] ?? -1;
    head[j1] = id + 1;
  }
  histogram.max = max;
  histogram.min = min;
  histogram.best = best;
  histogram.count += id - start;
  if (id < end) {
    add(histogram, id, logits[cond + id] ?? 0);
  }
}

// scanPlainRun's loop with the guidance combine inlined: kept as its own copy so that each hot
// loop stays flat and calls nothing per candidate.
function scanGuidedRun(
  start: number,
  end: number,
  source: ScoreSource,
  histogram: ScoreHistogram,
): void {
  const { logits, cond, uncond, cfg } = source;
  const { counts, head, next } = histogram;
  let max = histogram.max;
  let min = histogram.min;
  let best = histogram.best;
  let id = start;
  for (; id + 1 < end; id += 2) {
    const u0 = logits[uncond + id] ?? 0;
    const v0 = Math.fround(u0 + cfg * ((logits[cond + id] ?? 0) - u0));
    const u1 = logits[uncond + id + 1] ?? 0;
    const v1 = Math.fround(u1 + cfg * ((logits[cond + id + 1] ?? 0) - u1));
    if (v0 > max) {
      max = v0;
      best = id;
    }
    if (v1 > max) {
      max = v1;
      best = id + 1;
    }
    if (!(v0 >= min)) {
      min = v0;
    }
    if (!(v1 >= min)) {
      min = v1;
    }
    const j0 = ((v0 * BINS_PER_NAT + BIN_OFFSET) | 0) & BIN_MASK;
    counts[j0] = (counts[j0] ?? 0) + 1;
    next[id] = head[j0] ?? -1;
    head[j0] = id;
    const j1 = ((v1 * BINS_PER_NAT + BIN_OFFSET) | 0) & BIN_MASK;
    counts[j1] = (counts[j1] ?? 0) + 1;
    next[id + 1] = head[j1] ?? -1;
    head[j1] = id + 1;
  }
  histogram.max = max;
  histogram.min = min;
  histogram.best = best;
  histogram.count += id - start;
  if (id < end) {
    add(histogram, id, scoreOf(source, id));
  }
}

/** One candidate's score: guidance, then the HF repetition penalty when `id` was seen. */
export function scoreOf(source: ScoreSource, id: number): number {
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

function scanGeneric(runs: Int32Array, source: ScoreSource, histogram: ScoreHistogram): void {
  for (let r = 0; r < runs.length; r += 2) {
    const end = runs[r + 1] ?? 0;
    for (let id = runs[r] ?? 0; id < end; id++) {
      add(histogram, id, scoreOf(source, id));
    }
  }
}

/** The generic step (ids lists may be in any order: ties go to the lower id). */
function add(histogram: ScoreHistogram, id: number, v: number): void {
  histogram.count++;
  if (v > histogram.max || (v === histogram.max && id < histogram.best)) {
    histogram.max = v;
    histogram.best = id;
  }
  if (!(v >= histogram.min)) {
    histogram.min = v;
  }
  const j = binOf(v);
  histogram.counts[j] = (histogram.counts[j] ?? 0) + 1;
  histogram.next[id] = histogram.head[j] ?? -1;
  histogram.head[j] = id;
}

/** Calls `visit(id, score)` for every allowed candidate (the rare, slow paths). */
export function visitCandidates(
  runs: Int32Array,
  ids: Int32Array,
  source: ScoreSource,
  visit: (id: number, score: number) => void,
): void {
  for (let r = 0; r < runs.length; r += 2) {
    const end = runs[r + 1] ?? 0;
    for (let id = runs[r] ?? 0; id < end; id++) {
      visit(id, scoreOf(source, id));
    }
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? 0;
    visit(id, scoreOf(source, id));
  }
}

/** The exact normaliser Σ e^(−(max − score)) over all, and over those ranked before one. */
export interface ExactMasses {
  total: number;
  before: number;
}

/**
 * One sequential pass (the rare band resolution): Z, and the mass of the candidates ranked
 * before (score, id) — a higher score, or the same score and a lower id.
 */
export function exactMasses(
  runs: Int32Array,
  ids: Int32Array,
  source: ScoreSource,
  max: number,
  score: number,
  id: number,
  out: ExactMasses,
): void {
  out.total = 0;
  out.before = 0;
  const add = (candidate: number, v: number): void => {
    const w = expNeg(max - v);
    out.total += w;
    if (v > score || (v === score && candidate < id)) {
      out.before += w;
    }
  };
  if (source.penalty === 1 || source.seen === undefined) {
    for (let r = 0; r < runs.length; r += 2) {
      massesOfRun(runs[r] ?? 0, runs[r + 1] ?? 0, source, max, score, id, out);
    }
    for (let i = 0; i < ids.length; i++) {
      add(ids[i] ?? 0, scoreOf(source, ids[i] ?? 0));
    }
    return;
  }
  visitCandidates(runs, ids, source, add);
}

/** One run without the repetition penalty (guided when `uncond` ≥ 0). */
function massesOfRun(
  start: number,
  end: number,
  source: ScoreSource,
  max: number,
  score: number,
  id: number,
  out: ExactMasses,
): void {
  const { logits, cond, uncond, cfg } = source;
  const guided = uncond >= 0;
  let total = 0;
  let before = 0;
  for (let candidate = start; candidate < end; candidate++) {
    const c = logits[cond + candidate] ?? 0;
    const u = guided ? (logits[uncond + candidate] ?? 0) : 0;
    const v = guided ? Math.fround(u + cfg * (c - u)) : c;
    const w = expNeg(max - v);
    total += w;
    if (v > score || (v === score && candidate < id)) {
      before += w;
    }
  }
  out.total += total;
  out.before += before;
}
