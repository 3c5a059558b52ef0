/**
 * The scan's histogram (candidate-scan.ts) seen from the best score down: bin r holds the
 * candidates of grid bin `top − r`, so bin order is score order. With δ = max − (the best
 * bin's lower edge) ∈ [0, 1/64), a member of bin r is d = max − score below the best with
 * d ∈ (δ + (r−1)/64, δ + r/64] (d ∈ [0, δ] in bin 0), so its untempered weight e^(−d) lies in
 * [lo(r), hi(r)] — bounds from the counts alone.
 *
 * Bins are MATERIALISED lazily, best first: their members are copied out of the bin's chain
 * into contiguous positions with their scores and exact weights (fast-exp.ts, float64
 * accuracy), and sorted (best first, ties by lower id) only where a cut needs the order.
 */
import {
  BIN_OFFSET,
  BINS_PER_NAT,
  type ScoreHistogram,
  scoreOf,
  type ScoreSource,
} from './candidate-scan.ts';
import { expNeg } from './fast-exp.ts';

/** Relative slack for float64 rounding in every bound (sums, exp). */
export const ROUNDING = 1e-12;
const WIDTH = 1 / BINS_PER_NAT;
/** Bins up to this size are insertion-sorted (bins hold tens of members for real logits). */
const INSERTION_SORT_MAX = 48;
const GRID_BINS = 1 << 16;

/** e^(−k/64), filled on demand. */
const STEP_WEIGHT = new Float64Array(GRID_BINS);
let stepWeights = 0;
function stepWeight(k: number): number {
  while (stepWeights <= k) {
    STEP_WEIGHT[stepWeights] = Math.exp(-stepWeights * WIDTH);
    stepWeights++;
  }
  return STEP_WEIGHT[k] ?? 0;
}

export class DrawBins {
  readonly histogram: ScoreHistogram;
  source: ScoreSource | undefined;
  /** Bins in use (from the best's to the worst's), and δ (see above) with e^(−δ). */
  bins = 0;
  delta = 0;
  private expDelta = 1;
  /** Bins [0, materialised) are materialised: bin r at positions [start[r], start[r + 1]). */
  materialised = 0;
  readonly start = new Int32Array(GRID_BINS + 1);
  readonly mass = new Float64Array(GRID_BINS);
  readonly ids: Int32Array;
  readonly scores: Float32Array;
  /** Untempered weight per position. */
  readonly weight: Float64Array;
  private readonly sorted = new Uint8Array(GRID_BINS);
  private readonly permutation: Int32Array;
  private readonly spareIds: Int32Array;
  private readonly spareScores: Float32Array;
  private readonly spareWeight: Float64Array;
  private readonly byRank: (x: number, y: number) => number;
  /** Weights computed since construction (a benchmark counter). */
  exactWeights = 0;

  constructor(histogram: ScoreHistogram) {
    this.histogram = histogram;
    const capacity = histogram.next.length;
    this.ids = new Int32Array(capacity);
    this.scores = new Float32Array(capacity);
    this.weight = new Float64Array(capacity);
    this.permutation = new Int32Array(capacity);
    this.spareIds = new Int32Array(capacity);
    this.spareScores = new Float32Array(capacity);
    this.spareWeight = new Float64Array(capacity);
    const { ids, scores } = this;
    this.byRank = (x, y) => (scores[y] ?? 0) - (scores[x] ?? 0) || (ids[x] ?? 0) - (ids[y] ?? 0);
  }

  /** Starts a draw over the histogram just scanned from `source` (scores on the grid). */
  reset(source: ScoreSource): void {
    const h = this.histogram;
    this.source = source;
    this.sorted.fill(0, 0, this.materialised);
    this.materialised = 0;
    this.start[0] = 0;
    this.bins = h.top - h.bottom + 1;
    this.delta = h.max - (h.top - BIN_OFFSET) * WIDTH;
    this.expDelta = Math.exp(-this.delta);
  }

  count(r: number): number {
    return this.histogram.counts[this.histogram.top - r] ?? 0;
  }

  /** Lower bound of a member's untempered weight in bin r. */
  lo(r: number): number {
    return this.expDelta * stepWeight(r) * (1 - ROUNDING);
  }

  /** Upper bound of a member's untempered weight in bin r. */
  hi(r: number): number {
    return r === 0 ? 1 : this.expDelta * stepWeight(r - 1) * (1 + ROUNDING);
  }

  /** The least distance below the best of a member of bin r. */
  nearest(r: number): number {
    return r === 0 ? 0 : this.delta + (r - 1) * WIDTH;
  }

  /** Materialises bins up to r (inclusive); returns bin r's mass. */
  materialise(r: number): number {
    const { histogram: h, ids, scores, weight, start } = this;
    const source = this.source;
    if (source === undefined) {
      throw new RangeError('the bins were not reset');
    }
    const max = h.max;
    for (let k = this.materialised; k <= r; k++) {
      const j = h.top - k;
      const n = h.counts[j] ?? 0;
      let p = start[k] ?? 0;
      let id = h.head[j] ?? -1;
      let sum = 0;
      for (let m = 0; m < n && id >= 0; m++) {
        const s = scoreOf(source, id);
        const w = expNeg(max - s);
        ids[p] = id;
        scores[p] = s;
        weight[p] = w;
        sum += w;
        p++;
        id = h.next[id] ?? -1;
      }
      this.exactWeights += n;
      start[k + 1] = p;
      this.mass[k] = sum;
    }
    this.materialised = Math.max(this.materialised, r + 1);
    return this.mass[r] ?? 0;
  }

  /** The m-th member (chain order) of bin r, without materialising it. */
  member(r: number, m: number): number {
    if (r < this.materialised) {
      return this.ids[(this.start[r] ?? 0) + m] ?? 0;
    }
    const h = this.histogram;
    let id = h.head[h.top - r] ?? -1;
    for (let k = 0; k < m && id >= 0; k++) {
      id = h.next[id] ?? -1;
    }
    return id;
  }

  /** Sorts materialised bin r best first, ties by lower id (once per draw). */
  sortBin(r: number): void {
    if (this.sorted[r] === 1) {
      return;
    }
    this.sorted[r] = 1;
    const first = this.start[r] ?? 0;
    const end = this.start[r + 1] ?? 0;
    if (end - first > INSERTION_SORT_MAX) {
      this.sortLarge(first, end);
      return;
    }
    const { ids, scores, weight } = this;
    for (let p = first + 1; p < end; p++) {
      const id = ids[p] ?? 0;
      const s = scores[p] ?? 0;
      const w = weight[p] ?? 0;
      let q = p - 1;
      for (; q >= first; q--) {
        const t = scores[q] ?? 0;
        if (t > s || (t === s && (ids[q] ?? 0) < id)) {
          break;
        }
        ids[q + 1] = ids[q] ?? 0;
        scores[q + 1] = t;
        weight[q + 1] = weight[q] ?? 0;
      }
      ids[q + 1] = id;
      scores[q + 1] = s;
      weight[q + 1] = w;
    }
  }

  private sortLarge(first: number, end: number): void {
    const { permutation, spareIds, spareScores, spareWeight, ids, scores, weight } = this;
    for (let p = first; p < end; p++) {
      permutation[p] = p;
      spareIds[p] = ids[p] ?? 0;
      spareScores[p] = scores[p] ?? 0;
      spareWeight[p] = weight[p] ?? 0;
    }
    permutation.subarray(first, end).sort(this.byRank);
    for (let p = first; p < end; p++) {
      const from = permutation[p] ?? 0;
      ids[p] = spareIds[from] ?? 0;
      scores[p] = spareScores[from] ?? 0;
      weight[p] = spareWeight[from] ?? 0;
    }
  }

  /** The bin holding materialised position p. */
  binOf(p: number): number {
    let lo = 0;
    let hi = this.materialised - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.start[mid] ?? 0) <= p) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
