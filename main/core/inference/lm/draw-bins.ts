/**
 * The scan's histogram (candidate-scan.ts) seen from the best score down: bin r holds the
 * candidates of grid bin `top − r`, so bin order is score order. With δ = max − (the best
 * bin's lower edge) ∈ [0, 1/64), a member of bin r is d = max − score below the best with
 * d ∈ (δ + (r−1)/64, δ + r/64] (d ∈ [0, δ] in bin 0), so its untempered weight e^(−d) lies in
 * [lo(r), hi(r)] — bounds from the counts alone.
 *
 * Bins are MATERIALISED only where exact weights are needed (top-k, low temperatures): their
 * members are copied out of the bin's chain into consecutive positions with their scores and
 * exact weights (fast-exp.ts, float64 accuracy), and sorted (best first, ties by lower id)
 * only where a cut needs the order. Other members are reached by walking the chain.
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

interface LargeSortScratch {
  readonly permutation: Int32Array;
  readonly ids: Int32Array;
  readonly scores: Float32Array;
  readonly weight: Float64Array;
}

export class DrawBins {
  readonly histogram: ScoreHistogram;
  source: ScoreSource | undefined;
  /** Bins in use (from the best's to the worst's), and δ (see above) with e^(−δ). */
  bins = 0;
  delta = 0;
  private expDelta = 1;
  /** Materialised bin r sits at positions [offset[r], offset[r] + count(r)), in any order. */
  readonly offset = new Int32Array(GRID_BINS);
  readonly mass = new Float64Array(GRID_BINS);
  private readonly done = new Uint8Array(GRID_BINS);
  private readonly doneList = new Int32Array(GRID_BINS);
  private doneCount = 0;
  /** Next free position. */
  private used = 0;
  readonly ids: Int32Array;
  readonly scores: Float32Array;
  /** Untempered weight per position. */
  readonly weight: Float64Array;
  private readonly sorted = new Uint8Array(GRID_BINS);
  /** Scratch of the large-bin sort (pathological logits only), allocated on first use. */
  private spare: LargeSortScratch | undefined;
  private readonly byRank: (x: number, y: number) => number;
  /** Weights computed since construction (a benchmark counter). */
  exactWeights = 0;

  constructor(histogram: ScoreHistogram) {
    this.histogram = histogram;
    const capacity = histogram.next.length;
    this.ids = new Int32Array(capacity);
    this.scores = new Float32Array(capacity);
    this.weight = new Float64Array(capacity);
    const { ids, scores } = this;
    this.byRank = (x, y) => (scores[y] ?? 0) - (scores[x] ?? 0) || (ids[x] ?? 0) - (ids[y] ?? 0);
  }

  /** Starts a draw over the histogram just scanned from `source` (scores on the grid). */
  reset(source: ScoreSource): void {
    const h = this.histogram;
    this.source = source;
    for (let i = 0; i < this.doneCount; i++) {
      const r = this.doneList[i] ?? 0;
      this.done[r] = 0;
      this.sorted[r] = 0;
    }
    this.doneCount = 0;
    this.used = 0;
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

  isMaterialised(r: number): boolean {
    return this.done[r] === 1;
  }

  /** First position of materialised bin r. */
  first(r: number): number {
    return this.offset[r] ?? 0;
  }

  /** Materialises bin r (once per draw); returns its exact mass. */
  materialise(r: number): number {
    if (this.done[r] !== 1) {
      this.done[r] = 1;
      this.doneList[this.doneCount++] = r;
      this.offset[r] = this.used;
      this.materialiseBin(r);
      this.used += this.count(r);
    }
    return this.mass[r] ?? 0;
  }

  /** Copies bin k's chain to the next free positions, with scores and weights. */
  private materialiseBin(k: number): void {
    const { histogram: h, ids, scores, weight } = this;
    const source = this.source;
    if (source === undefined) {
      throw new RangeError('the bins were not reset');
    }
    const { logits, cond, uncond, cfg } = source;
    const plain = uncond < 0 && (source.penalty === 1 || source.seen === undefined);
    const guided = uncond >= 0 && (source.penalty === 1 || source.seen === undefined);
    const max = h.max;
    const j = h.top - k;
    const n = h.counts[j] ?? 0;
    const next = h.next;
    let p = this.used;
    let id = h.head[j] ?? -1;
    let sum = 0;
    for (let m = 0; m < n && id >= 0; m++) {
      let s: number;
      if (plain) {
        s = logits[cond + id] ?? 0;
      } else if (guided) {
        const u = logits[uncond + id] ?? 0;
        s = Math.fround(u + cfg * ((logits[cond + id] ?? 0) - u));
      } else {
        s = scoreOf(source, id);
      }
      const w = expNeg(max - s);
      ids[p] = id;
      scores[p] = s;
      weight[p] = w;
      sum += w;
      p++;
      id = next[id] ?? -1;
    }
    this.exactWeights += n;
    this.mass[k] = sum;
  }

  /** The m-th member (chain order) of bin r, without materialising it. */
  member(r: number, m: number): number {
    if (this.done[r] === 1) {
      return this.ids[(this.offset[r] ?? 0) + m] ?? 0;
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
    const first = this.offset[r] ?? 0;
    const end = first + this.count(r);
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
    const capacity = this.ids.length;
    this.spare ??= {
      permutation: new Int32Array(capacity),
      ids: new Int32Array(capacity),
      scores: new Float32Array(capacity),
      weight: new Float64Array(capacity),
    };
    const { permutation, ids: spareIds, scores: spareScores, weight: spareWeight } = this.spare;
    const { ids, scores, weight } = this;
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
}
