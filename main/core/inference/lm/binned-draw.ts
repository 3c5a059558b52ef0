/**
 * Top-k → top-p → temperature → draw over a LARGE candidate set (the 64,001 audio codes, the
 * 150k-id caption vocabulary) with exactly the distribution of spec §6.4 — candidates ranked
 * by score, best first, ties by lower id; top-k keeps scores ≥ the k-th; top-p keeps a
 * candidate while the untempered mass before it is below p·Z; softmax at temperature T over
 * the kept ones — with an `exp` only for the candidates near the cut (draw-bins.ts).
 *
 * 1. The KEPT SET is decided without randomness. Top-k: count bins to the k-th, sort that
 *    bin. Top-p: walk bins best first, materialising each, while the mass so far stays below
 *    p·Z_lo (those bins are certainly kept); at the cut, sort and walk members: a member is IN
 *    if the mass before it is below p·Z_lo, OUT from the first whose mass before reaches
 *    p·Z_hi, in the BAND between. Z_lo/Z_hi: materialised bins exactly, the others at their
 *    edges' weights (1.6% apart, so the band is a small share of the mass).
 * 2. The DRAW is rejection sampling: propose a bin with probability ∝ members·(an upper bound
 *    of their tempered weight), a member uniformly, and accept it with probability (its
 *    tempered weight) / (that bound) ≥ e^(−1/(64T)). An accepted member of the BAND is kept
 *    or rejected after computing Z exactly (a slow pass, rare). Each round accepts a kept
 *    candidate with probability ∝ its tempered weight, so the result has the reference
 *    distribution exactly (to float64 rounding) however loose the bounds are. Below
 *    T = 1/20 (where acceptance would fall) the proposal is the exact tempered softmax over
 *    the materialised bins instead.
 *
 * The number of uniforms per draw varies (three per proposal); a seed still reproduces the
 * tokens.
 */
import { scoreOf } from './candidate-scan.ts';
import { type DrawBins, ROUNDING } from './draw-bins.ts';
import type { SeededRandom } from './seeded-random.ts';

export interface DrawParams {
  readonly topK: number;
  readonly topP: number;
  readonly temperature: number;
}

/** Counters for benchmarks and tests. */
export interface DrawStats {
  draws: number;
  proposals: number;
  /** Band members decided with the exact normaliser. */
  resolutions: number;
}

const MAX_PROPOSALS = 100_000;
/** Below this temperature the bounded proposal would accept too rarely. */
const EXACT_PROPOSAL_BELOW = 1 / 20;

export class BinnedDraw {
  readonly stats: DrawStats = { draws: 0, proposals: 0, resolutions: 0 };
  readonly bins: DrawBins;
  private readonly cumulative: Float64Array;
  private readonly proposal = new Float64Array(1 << 16);
  private readonly tempered: Float64Array;
  // Per draw: positions [0, inEnd) are kept; [inEnd, keptEnd) are the band (or, when
  // keptBins < 0, every candidate is kept and keptEnd is unused).
  private inEnd = 0;
  private keptEnd = 0;
  private keptBins = -1;
  private total = Number.NaN;
  private zLo = 0;
  private zHi = 0;

  constructor(bins: DrawBins) {
    this.bins = bins;
    const capacity = bins.ids.length;
    this.cumulative = new Float64Array(capacity);
    this.tempered = new Float64Array(capacity);
  }

  /** Draws one id (at least two candidates); `exactTotal` is Σ e^(−(max − score)) over all. */
  draw(params: DrawParams, random: SeededRandom, exactTotal: () => number): number {
    this.stats.draws++;
    const count = this.bins.histogram.count;
    this.total = Number.NaN;
    this.keptBins = -1;
    const topK = params.topK > 0 && params.topK < count;
    const topP = params.topP > 0 && params.topP < 1;
    if (topK) {
      this.keepTopK(params.topK);
    }
    if (topP) {
      this.nucleus(params.topP, topK);
    }
    if (params.temperature < EXACT_PROPOSAL_BELOW) {
      return this.proposeExactly(params, random, exactTotal);
    }
    return this.propose(params, random, exactTotal);
  }

  /** Keeps scores ≥ the k-th (ties kept): positions [0, keptEnd). */
  private keepTopK(k: number): void {
    const bins = this.bins;
    let before = 0;
    let r = 0;
    while (before + bins.count(r) < k) {
      before += bins.count(r);
      r++;
    }
    bins.materialise(r);
    bins.sortBin(r);
    let end = (bins.start[r] ?? 0) + (k - before);
    const kth = bins.scores[end - 1] ?? 0;
    while (end < (bins.start[r + 1] ?? 0) && bins.scores[end] === kth) {
      end++;
    }
    this.inEnd = this.keptEnd = end;
    this.keptBins = r + 1;
  }

  /** Z bounds from the counts (or Z of the top-k set, exactly). */
  private startBounds(afterTopK: boolean): void {
    const bins = this.bins;
    if (afterTopK) {
      let z = 0;
      for (let p = 0; p < this.keptEnd; p++) {
        z += bins.weight[p] ?? 0;
      }
      this.total = z;
      this.zLo = z * (1 - ROUNDING);
      this.zHi = z * (1 + ROUNDING);
      return;
    }
    let zLo = 0;
    let zHi = 0;
    for (let r = 0; r < bins.bins; r++) {
      const c = bins.count(r);
      if (c > 0) {
        zLo += c * bins.lo(r);
        zHi += c * bins.hi(r);
      }
    }
    this.zLo = zLo;
    this.zHi = zHi;
  }

  /** Materialises bin r and tightens the Z bounds (Z is already exact after top-k). */
  private exactBin(r: number, afterTopK: boolean): number {
    const bins = this.bins;
    if (afterTopK || r < bins.materialised) {
      return r < bins.materialised ? (bins.mass[r] ?? 0) : bins.materialise(r);
    }
    const m = bins.materialise(r);
    const c = bins.count(r);
    this.zLo += m * (1 - ROUNDING) - c * bins.lo(r);
    this.zHi += m * (1 + ROUNDING) - c * bins.hi(r);
    return m;
  }

  /** Top-p within the candidates so far: sets inEnd/keptEnd/keptBins. */
  private nucleus(p: number, afterTopK: boolean): void {
    const bins = this.bins;
    this.startBounds(afterTopK);
    const lastBin = afterTopK ? this.keptBins - 1 : bins.bins - 1;
    const end = afterTopK ? this.keptEnd : Infinity;
    let mass = 0;
    let r = 0;
    for (; r < lastBin; r++) {
      const m = this.exactBin(r, afterTopK);
      if ((mass + m) * (1 + ROUNDING) >= p * this.zLo) {
        break;
      }
      mass += m;
    }
    for (let e = r + 1, made = 0; !afterTopK && e <= lastBin && made < 3; e++) {
      if (bins.count(e) > 0) {
        this.exactBin(e, false);
        made++;
      }
    }
    this.inEnd = bins.start[r] ?? 0;
    for (; r <= lastBin; r++) {
      this.exactBin(r, afterTopK);
      bins.sortBin(r);
      const stop = Math.min(bins.start[r + 1] ?? 0, end);
      for (let q = bins.start[r] ?? 0; q < stop; q++) {
        if (mass * (1 + ROUNDING) < p * this.zLo) {
          this.inEnd = q + 1;
        } else if (mass * (1 - ROUNDING) >= p * this.zHi) {
          this.keptEnd = q;
          this.keptBins = bins.binOf(q - 1) + 1;
          return;
        }
        this.cumulative[q] = mass;
        mass += bins.weight[q] ?? 0;
      }
    }
    this.keptEnd = Math.min(end, bins.start[lastBin + 1] ?? 0);
    this.keptBins = lastBin + 1;
  }

  /** Members of bin r that may be kept. */
  private members(r: number): number {
    if (this.keptBins >= 0 && r === this.keptBins - 1) {
      return this.keptEnd - (this.bins.start[r] ?? 0);
    }
    return this.bins.count(r);
  }

  /** Rejection sampling over the kept bins (module comment, step 2). */
  private propose(params: DrawParams, random: SeededRandom, exactTotal: () => number): number {
    const bins = this.bins;
    const inverse = 1 / params.temperature;
    const binCount = this.keptBins >= 0 ? this.keptBins : bins.bins;
    let total = 0;
    for (let r = 0; r < binCount; r++) {
      const c = this.members(r);
      if (c > 0) {
        total += c * Math.exp(-bins.nearest(r) * inverse);
      }
      this.proposal[r] = total;
    }
    const max = bins.histogram.max;
    const source = bins.source;
    if (source === undefined) {
      throw new RangeError('the bins were not reset');
    }
    for (let round = 0; round < MAX_PROPOSALS; round++) {
      this.stats.proposals++;
      const r = this.proposedBin(random.next() * total, binCount - 1);
      const m = Math.floor(random.next() * this.members(r));
      const materialised = r < bins.materialised;
      const position = (bins.start[r] ?? 0) + m;
      const id = bins.member(r, m);
      const score = materialised ? (bins.scores[position] ?? 0) : scoreOf(source, id);
      const excess = (max - score - bins.nearest(r)) * inverse;
      if (random.next() < Math.exp(-excess)) {
        if (!materialised || this.kept(position, params.topP, exactTotal)) {
          return id;
        }
      }
    }
    throw new RangeError('the LM sampler rejected every proposal');
  }

  /** Low temperatures: propose from the exact tempered softmax of the materialised kept set. */
  private proposeExactly(
    params: DrawParams,
    random: SeededRandom,
    exactTotal: () => number,
  ): number {
    const bins = this.bins;
    const inverse = 1 / params.temperature;
    if (this.keptBins < 0) {
      // Every candidate is kept: materialise the bins whose tempered bound is not 0.
      let r = 0;
      while (r < bins.bins && Math.exp(-bins.nearest(r) * inverse) > 0) {
        r++;
      }
      bins.materialise(r - 1);
      this.inEnd = this.keptEnd = bins.start[r] ?? 0;
    }
    const max = bins.histogram.max;
    let total = 0;
    for (let q = 0; q < this.keptEnd; q++) {
      const w = Math.exp(((bins.scores[q] ?? 0) - max) * inverse);
      this.tempered[q] = w;
      total += w;
    }
    for (let round = 0; round < MAX_PROPOSALS; round++) {
      this.stats.proposals++;
      let target = random.next() * total;
      let q = 0;
      while (q < this.keptEnd - 1 && target >= (this.tempered[q] ?? 0)) {
        target -= this.tempered[q] ?? 0;
        q++;
      }
      if (this.kept(q, params.topP, exactTotal)) {
        return bins.ids[q] ?? 0;
      }
    }
    throw new RangeError('the LM sampler rejected every proposal');
  }

  /** First bin whose cumulative proposal weight exceeds x. */
  private proposedBin(x: number, last: number): number {
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.proposal[mid] ?? 0) > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Whether position q is kept (the exact Z decides the band, computed once per draw). */
  private kept(q: number, topP: number, exactTotal: () => number): boolean {
    if (q < this.inEnd || this.keptBins < 0) {
      return true;
    }
    this.stats.resolutions++;
    if (Number.isNaN(this.total)) {
      this.total = exactTotal();
    }
    return (this.cumulative[q] ?? 0) < topP * this.total;
  }
}
