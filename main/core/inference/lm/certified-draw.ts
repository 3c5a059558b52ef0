/**
 * Top-k → top-p → temperature → softmax → draw over a LARGE candidate set (the 64,001 audio
 * codes, the 150k-id caption vocabulary) with the exact semantics of the reference procedure
 * (spec §6.4) but without one `exp` per candidate.
 *
 * The reference, written out (see token-sampler-reference.test.ts): sort the candidates by
 * score, best first (ties: lower id first); top-k keeps scores ≥ the k-th; top-p keeps a
 * candidate while the untempered mass of the candidates before it is below p·Z; the draw takes
 * the first kept candidate whose cumulative tempered mass exceeds u·Z_T.
 *
 * How it avoids the exps: candidates are binned by d = max − score into bins of 1/64 nat
 * (candidate-pass.ts); bin order is score order. A token of bin b weighs within
 * [e^(−(b+1)/64), e^(−b/64)] (untempered) — a rigorous bound, widened by 1e-13·scale for the
 * rounding of d. Bins below a limit J are made EXACT: their ids are grouped (counting sort) and
 * each gets its weight (fast-exp.ts, float64 accuracy). Bins from J on stay BOUNDED: only their
 * counts are known, so Z lies in [Z_lo, Z_hi]. Each decision is then CERTIFIED: the top-p cut
 * is taken only if the same token is cut for every goal in p·[Z_lo, Z_hi], and (top-p off) a
 * draw only if u·Z_lo and u·Z_hi pick the same token. When a decision cannot be certified (the
 * tail mass matters at that resolution) the pass is redone with every bin exact — so the
 * result is always the reference's, to float64 rounding (the sums are taken in bin order
 * instead of one sorted cumulative sum). J is chosen from the histogram so that this fallback
 * is expected less than once in 1,000 tokens; the sampler counts it.
 *
 * For a peaked (realistic) distribution only a few hundred ids are exact; for flat random
 * logits most are. Members of a bin are sorted only when a cut or the draw lands in that bin.
 */
import { StudioError } from '../../../../app/errors.ts';
import { binCandidates, collectBins } from './candidate-pass.ts';
import { expNeg } from './fast-exp.ts';

export const BINS_PER_NAT = 64;
/** Bin of d ≥ 64 nats (weights below 1.6e-28), bounded by [0, e^−64]. */
export const LAST_BIN = 64 * BINS_PER_NAT;
const BIN_COUNT = LAST_BIN + 1;
/** Target fallback rate per token (see the class comment). */
const FALLBACK_RATE = 1e-3;
/** Bins up to this size are insertion-sorted; larger ones by the typed-array sort. */
const INSERTION_SORT_MAX = 96;
const FALLBACK = -1;

/** Weight bounds per bin at one scale (1 untempered, 1/T tempered). */
interface BinBounds {
  readonly scale: number;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

function binBounds(scale: number): BinBounds {
  const lo = new Float64Array(BIN_COUNT);
  const hi = new Float64Array(BIN_COUNT);
  const margin = 1e-13 * Math.max(1, scale);
  for (let b = 0; b < LAST_BIN; b++) {
    lo[b] = Math.exp((-scale * (b + 1)) / BINS_PER_NAT) * (1 - margin);
    hi[b] = Math.exp((-scale * b) / BINS_PER_NAT) * (1 + margin);
  }
  lo[LAST_BIN] = 0;
  hi[LAST_BIN] = Math.exp((-scale * LAST_BIN) / BINS_PER_NAT) * (1 + margin);
  return { scale, lo, hi };
}

export interface DrawParams {
  readonly topK: number;
  readonly topP: number;
  readonly temperature: number;
}

/** Counters for benchmarks and tests. */
export interface DrawStats {
  draws: number;
  fallbacks: number;
  /** Candidates made exact (weights computed), summed over draws. */
  exactCandidates: number;
}

/** Reusable scratch for one vocabulary size; `scores` is the sampler's by-id score array. */
export class CertifiedDraw {
  readonly stats: DrawStats = { draws: 0, fallbacks: 0, exactCandidates: 0 };
  private readonly scores: Float32Array;
  private readonly bins: Uint16Array;
  private readonly order: Int32Array;
  /** Untempered (top-p on) or tempered (top-p off) weight by id, for exact bins. */
  private readonly weight: Float64Array;
  private readonly tempered: Float64Array;
  private readonly counts = new Int32Array(BIN_COUNT);
  private readonly start = new Int32Array(BIN_COUNT + 1);
  private readonly next = new Int32Array(BIN_COUNT);
  private readonly mass = new Float64Array(BIN_COUNT);
  private readonly massTempered = new Float64Array(BIN_COUNT);
  private readonly sorted = new Uint8Array(BIN_COUNT);
  private readonly untemperedBounds = binBounds(1);
  private temperedBounds = binBounds(1);
  private readonly byScore: (x: number, y: number) => number;

  // Per draw.
  private runs: Int32Array = new Int32Array(0);
  private ids: Int32Array = new Int32Array(0);
  private max = 0;
  /** Bins below `exactEnd` are exact; bins in [exactEnd, tailEnd) are bounded. */
  private exactEnd = 0;
  private tailEnd = 0;
  private lastUsed = 0;

  constructor(scores: Float32Array) {
    this.scores = scores;
    this.bins = new Uint16Array(scores.length);
    this.order = new Int32Array(scores.length);
    this.weight = new Float64Array(scores.length);
    this.tempered = new Float64Array(scores.length);
    this.byScore = (x, y) => (scores[y] ?? 0) - (scores[x] ?? 0) || x - y;
  }

  /**
   * Draws one id among the candidates (`runs` and `ids`, scored in `scores`, best `max`, at
   * least two of them) with one uniform `u` in [0, 1).
   */
  draw(
    runs: Int32Array,
    ids: Int32Array,
    count: number,
    max: number,
    params: DrawParams,
    u: number,
  ): number {
    this.runs = runs;
    this.ids = ids;
    this.max = max;
    this.stats.draws++;
    this.counts.fill(0, 0, this.lastUsed + 1);
    binCandidates(runs, ids, this.scores, max, BINS_PER_NAT, LAST_BIN, this.bins, this.counts);
    this.lastUsed = LAST_BIN;
    while (this.lastUsed > 0 && this.counts[this.lastUsed] === 0) {
      this.lastUsed--;
    }
    const nucleus = params.topP > 0 && params.topP < 1;
    const scale = nucleus ? 1 : 1 / params.temperature;
    if (!nucleus && this.temperedBounds.scale !== scale) {
      this.temperedBounds = binBounds(scale);
    }
    const bounds = nucleus ? this.untemperedBounds : this.temperedBounds;
    this.tailEnd = this.lastUsed + 1;
    if (params.topK > 0 && params.topK < count) {
      this.keepTopK(params.topK, scale);
    } else {
      const limit = nucleus
        ? this.exactLimitForNucleus(params.topP)
        : this.exactLimitForDraw(bounds, count);
      this.makeExact(limit, scale);
    }
    let id = this.certifiedDraw(params, bounds, u);
    if (id === FALLBACK) {
      this.stats.fallbacks++;
      this.makeExact(this.tailEnd, scale);
      id = this.certifiedDraw(params, bounds, u);
    }
    return id;
  }

  private certifiedDraw(params: DrawParams, bounds: BinBounds, u: number): number {
    if (params.topP > 0 && params.topP < 1) {
      const cut = this.nucleusEnd(params.topP);
      return cut === FALLBACK ? FALLBACK : this.drawNucleus(cut, params.temperature, u);
    }
    return this.drawBounded(bounds, u);
  }

  /** Groups the ids of bins below `limit` and computes their weights at `scale`. */
  private makeExact(limit: number, scale: number): void {
    const { start, next, counts, order, scores, weight, mass } = this;
    let position = 0;
    for (let b = 0; b < limit; b++) {
      start[b] = position;
      next[b] = position;
      position += counts[b] ?? 0;
    }
    start[limit] = position;
    this.exactEnd = limit;
    this.sorted.fill(0, 0, limit);
    this.stats.exactCandidates += position;
    collectBins(this.runs, this.ids, this.bins, limit, next, order);
    const max = this.max;
    let total = 0;
    for (let b = 0; b < limit; b++) {
      let sum = 0;
      const end = start[b + 1] ?? 0;
      for (let p = start[b] ?? 0; p < end; p++) {
        const id = order[p] ?? 0;
        const w = expNeg((max - (scores[id] ?? 0)) * scale);
        weight[id] = w;
        sum += w;
      }
      mass[b] = sum;
      total += sum;
    }
    if (!(total >= 1) || total === Infinity) {
      throw new StudioError('INFERENCE_FAILED', 'The LM produced logits that are not numbers.');
    }
  }

  /** Top-k: exact bins up to the k-th best, which is cut after its ties. */
  private keepTopK(k: number, scale: number): void {
    let before = 0;
    let bin = 0;
    while (before + (this.counts[bin] ?? 0) < k) {
      before += this.counts[bin] ?? 0;
      bin++;
    }
    this.makeExact(bin + 1, scale);
    this.sortBin(bin);
    const { order, scores, start } = this;
    const first = start[bin] ?? 0;
    const end = start[bin + 1] ?? 0;
    let kept = first + (k - before);
    const kth = scores[order[kept - 1] ?? 0] ?? 0;
    while (kept < end && scores[order[kept] ?? 0] === kth) {
      kept++;
    }
    let sum = 0;
    for (let p = first; p < kept; p++) {
      sum += this.weight[order[p] ?? 0] ?? 0;
    }
    this.mass[bin] = sum;
    this.counts[bin] = kept - first;
    start[bin + 1] = kept;
    this.tailEnd = bin + 1;
  }

  /** The bound [lo, hi] of the bounded bins' mass; `uncertainty` = hi − lo. */
  private tail(bounds: BinBounds): { lo: number; hi: number } {
    let lo = 0;
    let hi = 0;
    for (let b = this.exactEnd; b < this.tailEnd; b++) {
      const c = this.counts[b] ?? 0;
      if (c !== 0) {
        lo += c * (bounds.lo[b] ?? 0);
        hi += c * (bounds.hi[b] ?? 0);
      }
    }
    return { lo, hi };
  }

  /**
   * Exact bins for top-p: past the estimated cut bin b̂ by two, and deep enough that the
   * bounded tail's uncertainty is under FALLBACK_RATE × the weight of a token near the cut.
   */
  private exactLimitForNucleus(p: number): number {
    const { lo, hi } = this.untemperedBounds;
    const counts = this.counts;
    let total = 0;
    for (let b = 0; b <= this.lastUsed; b++) {
      total += (counts[b] ?? 0) * ((lo[b] ?? 0) + (hi[b] ?? 0));
    }
    const goal = p * total;
    let cut = 0;
    let cum = 0;
    while (cut < this.lastUsed) {
      cum += (counts[cut] ?? 0) * ((lo[cut] ?? 0) + (hi[cut] ?? 0));
      if (cum >= goal) {
        break;
      }
      cut++;
    }
    const allowed = FALLBACK_RATE * (lo[Math.min(cut + 1, LAST_BIN)] ?? 0);
    let uncertainty = 0;
    let limit = this.lastUsed + 1;
    while (limit > cut + 2) {
      const b = limit - 1;
      uncertainty += (counts[b] ?? 0) * ((hi[b] ?? 0) - (lo[b] ?? 0));
      if (uncertainty > allowed) {
        break;
      }
      limit--;
    }
    return limit;
  }

  /**
   * Exact bins for a draw over every candidate (top-p off): the chance that u·[Z_lo, Z_hi]
   * straddles one of the N_E exact tokens' boundaries or reaches the bounded tail is at most
   * (N_E·uncertainty + tail_hi)/Z_lo; keep it under FALLBACK_RATE.
   */
  private exactLimitForDraw(bounds: BinBounds, count: number): number {
    const { lo, hi } = bounds;
    const counts = this.counts;
    let zLo = 0;
    for (let b = 0; b <= this.lastUsed; b++) {
      zLo += (counts[b] ?? 0) * (lo[b] ?? 0);
    }
    zLo = Math.max(zLo, 1);
    let uncertainty = 0;
    let tailHi = 0;
    let exactCount = count;
    let limit = this.lastUsed + 1;
    while (limit > 1) {
      const b = limit - 1;
      const c = counts[b] ?? 0;
      const nextUncertainty = uncertainty + c * ((hi[b] ?? 0) - (lo[b] ?? 0));
      const nextTail = tailHi + c * (hi[b] ?? 0);
      if ((exactCount - c) * nextUncertainty + nextTail > FALLBACK_RATE * zLo) {
        break;
      }
      uncertainty = nextUncertainty;
      tailHi = nextTail;
      exactCount -= c;
      limit--;
    }
    return limit;
  }

  /**
   * The nucleus as the first positions of `order` (exact bins in bin order, the cut bin
   * sorted), or FALLBACK when the cut depends on the bounded tail.
   */
  private nucleusEnd(p: number): number {
    const { mass, start, order, weight } = this;
    let exact = 0;
    for (let b = 0; b < this.exactEnd; b++) {
      exact += mass[b] ?? 0;
    }
    const tail = this.tail(this.untemperedBounds);
    const goalLo = p * (exact + tail.lo);
    const goalHi = p * (exact + tail.hi);
    let cum = 0;
    for (let b = 0; b < this.exactEnd; b++) {
      const m = mass[b] ?? 0;
      if (cum + m < goalLo) {
        cum += m;
        continue;
      }
      this.sortBin(b);
      const end = start[b + 1] ?? 0;
      for (let position = start[b] ?? 0; position < end; position++) {
        if (cum >= goalHi) {
          return position;
        }
        if (cum >= goalLo) {
          return FALLBACK;
        }
        cum += weight[order[position] ?? 0] ?? 0;
      }
    }
    return this.exactEnd === this.tailEnd ? (start[this.exactEnd] ?? 0) : FALLBACK;
  }

  /** Softmax at `temperature` over positions [0, cut) and one draw in score order. */
  private drawNucleus(cut: number, temperature: number, u: number): number {
    const { start, order, scores, tempered, massTempered } = this;
    const inverse = 1 / temperature;
    const source = inverse === 1 ? this.weight : tempered;
    let total = 0;
    let lastBin = 0;
    for (let b = 0; b < this.exactEnd && (start[b] ?? 0) < cut; b++) {
      const end = Math.min(start[b + 1] ?? 0, cut);
      let sum = 0;
      for (let position = start[b] ?? 0; position < end; position++) {
        const id = order[position] ?? 0;
        let v = this.weight[id] ?? 0;
        if (inverse !== 1) {
          v = expNeg((this.max - (scores[id] ?? 0)) * inverse);
          tempered[id] = v;
        }
        sum += v;
      }
      massTempered[b] = sum;
      total += sum;
      lastBin = b;
    }
    let target = u * total;
    for (let b = 0; b <= lastBin; b++) {
      const m = massTempered[b] ?? 0;
      if (target >= m && b < lastBin) {
        target -= m;
        continue;
      }
      this.sortBin(b);
      const end = Math.min(start[b + 1] ?? 0, cut);
      for (let position = start[b] ?? 0; position < end; position++) {
        const id = order[position] ?? 0;
        target -= source[id] ?? 0;
        if (target < 0) {
          return id;
        }
      }
      if (b === lastBin) {
        return order[end - 1] ?? 0;
      }
    }
    return order[cut - 1] ?? 0;
  }

  /** A draw over every candidate at tempered weights, certified against the bounded tail. */
  private drawBounded(bounds: BinBounds, u: number): number {
    const { mass, start, order, weight } = this;
    let exact = 0;
    for (let b = 0; b < this.exactEnd; b++) {
      exact += mass[b] ?? 0;
    }
    const tail = this.tail(bounds);
    const certain = tail.hi === 0;
    let lo = u * (exact + tail.lo);
    let hi = u * (exact + tail.hi);
    let last = -1;
    for (let b = 0; b < this.exactEnd; b++) {
      const m = mass[b] ?? 0;
      if (lo >= m) {
        lo -= m;
        hi -= m;
        continue;
      }
      if (hi >= m && !certain) {
        return FALLBACK;
      }
      this.sortBin(b);
      const end = start[b + 1] ?? 0;
      for (let position = start[b] ?? 0; position < end; position++) {
        const id = order[position] ?? 0;
        const v = weight[id] ?? 0;
        if (hi < v) {
          return id;
        }
        if (lo < v && !certain) {
          return FALLBACK;
        }
        lo -= v;
        hi -= v;
        last = id;
      }
      return certain ? last : FALLBACK;
    }
    // Only float rounding of u·Z against the bin sums gets here when the tail is empty.
    return certain ? this.worstExact() : FALLBACK;
  }

  /** The lowest-ranked exact id. */
  private worstExact(): number {
    let b = this.exactEnd - 1;
    while (b > 0 && this.start[b] === this.start[b + 1]) {
      b--;
    }
    this.sortBin(b);
    return this.order[(this.start[b + 1] ?? 1) - 1] ?? 0;
  }

  /** Sorts bin `b`'s ids best first (ties: lower id first), once per exact pass. */
  private sortBin(b: number): void {
    if (this.sorted[b] === 1) {
      return;
    }
    this.sorted[b] = 1;
    const { order, scores } = this;
    const first = this.start[b] ?? 0;
    const end = this.start[b + 1] ?? 0;
    if (end - first > INSERTION_SORT_MAX) {
      if (!isOrdered(order, first, end, this.byScore)) {
        order.subarray(first, end).sort(this.byScore);
      }
      return;
    }
    for (let i = first + 1; i < end; i++) {
      const id = order[i] ?? 0;
      const s = scores[id] ?? 0;
      let j = i - 1;
      while (j >= first && (scores[order[j] ?? 0] ?? 0) < s) {
        order[j + 1] = order[j] ?? 0;
        j--;
      }
      order[j + 1] = id;
    }
  }
}

function isOrdered(
  order: Int32Array,
  first: number,
  end: number,
  compare: (x: number, y: number) => number,
): boolean {
  for (let i = first + 1; i < end; i++) {
    if (compare(order[i - 1] ?? 0, order[i] ?? 0) > 0) {
      return false;
    }
  }
  return true;
}
