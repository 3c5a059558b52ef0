/**
 * Top-k → top-p → temperature → draw over a LARGE candidate set (the 64,001 audio codes, the
 * 150k-id caption vocabulary) with exactly the distribution of spec §6.4 — candidates ranked
 * by score, best first, ties by lower id; top-k keeps scores ≥ the k-th; top-p keeps a
 * candidate while the untempered mass before it is below p·Z; softmax at temperature T over
 * the kept ones — from the score histogram (draw-bins.ts), with almost no `exp` per token.
 *
 * 1. The KEPT SET is decided without randomness. Top-k: count bins to the k-th, materialise
 *    them and sort that bin (ties kept). Top-p, per bin, on the bins' count bounds: a bin is IN
 *    when even the upper bound of the mass up to its end is below p·Z_lo, OUT when the lower
 *    bound of the mass before it reaches p·Z_hi, else in the BAND (Z_lo/Z_hi: every bin at its
 *    edges' weights, 1.6% apart; exact after top-k).
 * 2. The DRAW is rejection sampling: propose a bin with probability ∝ members·(an upper bound
 *    of their tempered weight), a member uniformly (walking the bin's chain), and accept it
 *    with probability (its tempered weight) / (that bound) ≥ e^(−1/(64T)). A proposal from a
 *    BAND bin is then kept or rejected on the exact mass ranked before it and the exact Z (one
 *    slow pass; a few percent of tokens on flat logits, almost none on peaked ones). Each round
 *    accepts a kept candidate with probability ∝ its tempered weight, so the result has the
 *    reference distribution exactly (to float64 rounding) however loose the bounds are. Below
 *    T = 1/20 (where acceptance would fall) the proposal is the exact tempered softmax over the
 *    kept bins instead (materialised).
 *
 * The number of uniforms per draw varies (three per proposal); a seed still reproduces the
 * tokens.
 */
import { scoreOf } from './candidate-scan.ts';
import { type DrawBins, ROUNDING } from './draw-bins.ts';
import type { SeededRandom } from './seeded-random.ts';

/** See `BinnedDraw.draw`. */
export type ExactMassPass = (
  score: number,
  id: number,
) => { readonly total: number; readonly before: number };

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
  private readonly proposal = new Float64Array(1 << 16);
  /** Tempered weights of the low-temperature path, allocated on first use. */
  private tempered: Float64Array | undefined;
  // Per draw. Bins below `bandFrom` are kept whole, bins [bandFrom, lastBin] are the band,
  // nothing past lastBin is kept (lastBin < 0: everything is). After top-k, lastBin's kept
  // members are its sorted positions before keptEnd (−1: all of them).
  private bandFrom = Infinity;
  private keptEnd = -1;
  private lastBin = -1;
  private topP = 1;
  /** Z of the top-k set (NaN without top-k). */
  private total = Number.NaN;
  private zLo = 0;
  private zHi = 0;

  constructor(bins: DrawBins) {
    this.bins = bins;
  }

  /**
   * Draws one id (at least two candidates). `exactMasses(score, id)` returns the exact
   * Σ e^(−d) over every candidate and over those ranked before (score, id) (a slow pass, rare).
   */
  draw(params: DrawParams, random: SeededRandom, exactMasses: ExactMassPass): number {
    this.stats.draws++;
    const count = this.bins.histogram.count;
    this.total = Number.NaN;
    this.lastBin = -1;
    this.keptEnd = -1;
    this.bandFrom = Infinity;
    this.topP = params.topP;
    const topK = params.topK > 0 && params.topK < count;
    const topP = params.topP > 0 && params.topP < 1;
    if (topK) {
      this.keepTopK(params.topK);
    }
    if (topP) {
      this.nucleus(params.topP, topK);
    }
    if (params.temperature < EXACT_PROPOSAL_BELOW) {
      return this.proposeExactly(params.temperature, random, exactMasses);
    }
    return this.propose(params.temperature, random, exactMasses);
  }

  /** Keeps scores ≥ the k-th (ties kept); bins up to its bin are materialised. */
  private keepTopK(k: number): void {
    const bins = this.bins;
    let before = 0;
    let r = 0;
    while (before + bins.count(r) < k) {
      before += bins.count(r);
      bins.materialise(r);
      r++;
    }
    bins.materialise(r);
    bins.sortBin(r);
    const first = bins.first(r);
    let end = first + (k - before);
    const kth = bins.scores[end - 1] ?? 0;
    while (end < first + bins.count(r) && bins.scores[end] === kth) {
      end++;
    }
    this.keptEnd = end;
    this.lastBin = r;
  }

  /** Z bounds from the counts, or Z of the top-k set exactly. */
  private startBounds(afterTopK: boolean): void {
    const bins = this.bins;
    if (afterTopK) {
      let z = 0;
      for (let r = 0; r <= this.lastBin; r++) {
        z += this.keptMass(r);
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

  /**
   * Top-p (module comment, step 1), at bin level: a bin is IN when even the upper bound of
   * the mass up to its end is below p·Z_lo, OUT when the lower bound of the mass before it
   * reaches p·Z_hi, and in the BAND otherwise (its members are decided one by one, if drawn).
   * Nothing is materialised here (after top-k the kept bins already are, and Z is exact).
   */
  private nucleus(p: number, afterTopK: boolean): void {
    const bins = this.bins;
    this.startBounds(afterTopK);
    const limit = afterTopK ? this.lastBin : bins.bins - 1;
    let beforeLo = 0;
    let beforeHi = 0;
    let last = 0;
    let bandFrom = -1;
    for (let r = 0; r <= limit; r++) {
      const c = afterTopK ? this.members(r) : bins.count(r);
      if (c === 0) {
        continue;
      }
      if (beforeLo * (1 - ROUNDING) >= p * this.zHi) {
        break;
      }
      last = r;
      const exact = afterTopK ? this.keptMass(r) : 0;
      const mLo = afterTopK ? exact : c * bins.lo(r);
      const mHi = afterTopK ? exact : c * bins.hi(r);
      if (bandFrom < 0 && (beforeHi + mHi) * (1 + ROUNDING) >= p * this.zLo) {
        bandFrom = r;
      }
      beforeLo += mLo;
      beforeHi += mHi;
    }
    this.bandFrom = bandFrom < 0 ? last + 1 : bandFrom;
    if (!afterTopK || last < this.lastBin) {
      this.keptEnd = -1;
    }
    this.lastBin = last;
  }

  /** Exact mass of the kept members of materialised bin r (the top-k set). */
  private keptMass(r: number): number {
    const bins = this.bins;
    if (r < this.lastBin || this.keptEnd < 0) {
      return bins.mass[r] ?? 0;
    }
    let m = 0;
    for (let q = bins.first(r); q < this.keptEnd; q++) {
      m += bins.weight[q] ?? 0;
    }
    return m;
  }

  /** Members of bin r that may be kept (after top-k: the first ones of its sorted order). */
  private members(r: number): number {
    const bins = this.bins;
    if (this.lastBin < 0 || r < this.lastBin) {
      return bins.count(r);
    }
    if (r > this.lastBin) {
      return 0;
    }
    return this.keptEnd >= 0 ? this.keptEnd - bins.first(r) : bins.count(r);
  }

  /** Rejection sampling over the kept bins (module comment, step 2). */
  private propose(temperature: number, random: SeededRandom, exactMasses: ExactMassPass): number {
    const bins = this.bins;
    const inverse = 1 / temperature;
    const binCount = this.lastBin >= 0 ? this.lastBin + 1 : bins.bins;
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
      const id = bins.member(r, m);
      const score = bins.isMaterialised(r)
        ? (bins.scores[bins.first(r) + m] ?? 0)
        : scoreOf(source, id);
      const excess = (max - score - bins.nearest(r)) * inverse;
      if (random.next() < Math.exp(-excess) && this.kept(r, id, score, exactMasses)) {
        return id;
      }
    }
    throw new RangeError('the LM sampler rejected every proposal');
  }

  /** Low temperatures: propose from the exact tempered softmax of the kept bins. */
  private proposeExactly(
    temperature: number,
    random: SeededRandom,
    exactMasses: ExactMassPass,
  ): number {
    const bins = this.bins;
    const inverse = 1 / temperature;
    let binCount = this.lastBin >= 0 ? this.lastBin + 1 : bins.bins;
    // Only bins whose tempered bound is not 0 in float64 can be drawn.
    let r = 0;
    while (r < binCount && Math.exp(-bins.nearest(r) * inverse) > 0) {
      r++;
    }
    binCount = r;
    const max = bins.histogram.max;
    const tempered = (this.tempered ??= new Float64Array(bins.ids.length));
    let total = 0;
    for (let b = 0; b < binCount; b++) {
      const c = this.members(b);
      let sum = 0;
      if (c > 0) {
        bins.materialise(b);
        const first = bins.first(b);
        for (let q = first; q < first + c; q++) {
          const w = Math.exp(((bins.scores[q] ?? 0) - max) * inverse);
          tempered[q] = w;
          sum += w;
        }
      }
      this.proposal[b] = sum;
      total += sum;
    }
    for (let round = 0; round < MAX_PROPOSALS; round++) {
      this.stats.proposals++;
      const [b, q] = this.inverseCdf(random.next() * total, binCount, tempered);
      const id = bins.ids[q] ?? 0;
      if (q >= 0 && this.kept(b, id, bins.scores[q] ?? 0, exactMasses)) {
        return id;
      }
    }
    throw new RangeError('the LM sampler rejected every proposal');
  }

  /** The (bin, position) where the cumulative tempered weight passes `target`. */
  private inverseCdf(target: number, binCount: number, tempered: Float64Array): [number, number] {
    const bins = this.bins;
    let rest = target;
    let last: [number, number] = [0, -1];
    for (let r = 0; r < binCount; r++) {
      const c = this.members(r);
      if (c === 0) {
        continue;
      }
      const first = bins.first(r);
      last = [r, first + c - 1];
      if (rest >= (this.proposal[r] ?? 0)) {
        rest -= this.proposal[r] ?? 0;
        continue;
      }
      for (let q = first; q < first + c; q++) {
        rest -= tempered[q] ?? 0;
        if (rest < 0) {
          return [r, q];
        }
      }
    }
    return last;
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

  /**
   * Whether candidate `id` (score `score`, bin r) is kept: certain outside the band; in the
   * band, decided with the exact mass ranked before it and the exact Z (a slow pass, rare).
   */
  private kept(r: number, id: number, score: number, exactMasses: ExactMassPass): boolean {
    if (r < this.bandFrom) {
      return true;
    }
    this.stats.resolutions++;
    if (Number.isNaN(this.total)) {
      const masses = exactMasses(score, id);
      return masses.before < this.topP * masses.total;
    }
    // After top-k: the kept set is materialised and its Z exact.
    const bins = this.bins;
    let before = 0;
    for (let b = 0; b <= this.lastBin; b++) {
      const first = bins.first(b);
      for (let q = first; q < first + this.members(b); q++) {
        const s = bins.scores[q] ?? 0;
        if (s > score || (s === score && (bins.ids[q] ?? 0) < id)) {
          before += bins.weight[q] ?? 0;
        }
      }
    }
    return before < this.topP * this.total;
  }
}
