/**
 * Top-p and the temperature draw over a LARGE candidate set (the 64,001 audio codes, the whole
 * vocabulary) without one `Math.exp` per candidate, which alone would cost ~0.7 ms per token
 * over 64k candidates in V8.
 *
 * Candidates are binned by their distance below the best logit, d = max − s, into bins of
 * 1/64 nat. A bin's mass Σ exp(−d) = exp(−b/64) · Σ exp(−x) with x = d − b/64 ∈ [0, 1/64) is
 * computed from the bin's count, Σx and Σx² (second-order Taylor, relative error < 1e-6 at
 * temperature 1, < 1e-4 at 0.25), so only the 4,096 bin bases need `exp`. The nucleus is cut at
 * the bin where the mass reaches p, and that bin's members are ranked exactly. The draw picks a
 * bin by its tempered mass, then a member of that bin with exact weights. Distances past 64 nats
 * (weights below 1e-27) carry no mass.
 */
const BINS = 4096;
const BINS_PER_NAT = 64;
const WIDTH = 1 / BINS_PER_NAT;

/** Reusable scratch for one vocabulary size. */
export class BucketedDraw {
  private readonly bin: Uint16Array;
  private readonly members: Int32Array;
  private readonly boundary: Int32Array;
  private readonly count = new Float64Array(BINS);
  private readonly sumX = new Float64Array(BINS);
  private readonly sumXX = new Float64Array(BINS);
  private readonly tempered = new Float64Array(BINS);
  private readonly base = new Float64Array(BINS);
  private readonly base1 = new Float64Array(BINS);
  private baseTemperature = Number.NaN;
  /** One past the highest bin holding mass in the current draw. */
  private used = BINS;

  constructor(capacity: number) {
    this.bin = new Uint16Array(capacity);
    this.members = new Int32Array(capacity);
    this.boundary = new Int32Array(capacity);
    for (let b = 0; b < BINS; b++) {
      this.base1[b] = Math.exp(-b * WIDTH);
    }
  }

  /**
   * Draws an index into `scores[0..count)` whose best value is `max`: top-p (1 = off) on the
   * untempered distribution, then softmax at `temperature`. `uniform` is one value in [0, 1).
   */
  draw(
    scores: Float32Array,
    count: number,
    max: number,
    topP: number,
    temperature: number,
    uniform: number,
  ): number {
    this.binAll(scores, count, max);
    let cut = this.used;
    let kept = 0;
    if (topP > 0 && topP < 1) {
      [cut, kept] = this.nucleus(scores, count, max, topP);
    }
    const inverse = 1 / temperature;
    this.temper(temperature);
    let total = 0;
    for (let b = 0; b < cut; b++) {
      const c = this.count[b] ?? 0;
      const mass =
        c === 0
          ? 0
          : (this.base[b] ?? 0) *
            (c - (this.sumX[b] ?? 0) * inverse + (this.sumXX[b] ?? 0) * inverse * inverse * 0.5);
      this.tempered[b] = mass;
      total += mass;
    }
    const boundaryMass = massOf(scores, this.boundary, kept, max, inverse);
    let target = uniform * (total + boundaryMass);
    for (let b = 0; b < cut; b++) {
      const mass = this.tempered[b] ?? 0;
      if (target < mass) {
        const n = this.collect(count, b);
        return pick(scores, this.members, n, max, inverse, target / mass);
      }
      target -= mass;
    }
    if (kept === 0) {
      return argmax(scores, count);
    }
    return pick(scores, this.boundary, kept, max, inverse, Math.min(1, target / boundaryMass));
  }

  /** Bins every candidate by its distance below `max`. */
  private binAll(scores: Float32Array, count: number, max: number): void {
    this.count.fill(0, 0, this.used);
    this.sumX.fill(0, 0, this.used);
    this.sumXX.fill(0, 0, this.used);
    const bins = this.bin;
    let used = 0;
    for (let i = 0; i < count; i++) {
      const d = (max - (scores[i] ?? 0)) * BINS_PER_NAT;
      if (!(d < BINS - 1)) {
        bins[i] = BINS - 1;
        continue;
      }
      const b = d | 0;
      const x = (d - b) * WIDTH;
      bins[i] = b;
      if (b >= used) {
        used = b + 1;
      }
      this.count[b] = (this.count[b] ?? 0) + 1;
      this.sumX[b] = (this.sumX[b] ?? 0) + x;
      this.sumXX[b] = (this.sumXX[b] ?? 0) + x * x;
    }
    this.used = used;
  }

  /**
   * The nucleus: returns [cut, kept] where bins before `cut` are kept whole and
   * `boundary[0..kept)` are the kept members of bin `cut`, best first (HF keeps a token while
   * the mass of better ones is below p).
   */
  private nucleus(scores: Float32Array, count: number, max: number, p: number): [number, number] {
    let total = 0;
    for (let b = 0; b < BINS; b++) {
      const c = this.count[b] ?? 0;
      const mass =
        c === 0 ? 0 : (this.base1[b] ?? 0) * (c - (this.sumX[b] ?? 0) + (this.sumXX[b] ?? 0) * 0.5);
      this.tempered[b] = mass;
      total += mass;
    }
    const goal = p * total;
    let before = 0;
    let cut = 0;
    while (cut < this.used - 1 && before + (this.tempered[cut] ?? 0) < goal) {
      before += this.tempered[cut] ?? 0;
      cut++;
    }
    let n = 0;
    for (let i = 0; i < count; i++) {
      if (this.bin[i] === cut) {
        this.boundary[n++] = i;
      }
    }
    this.boundary.subarray(0, n).sort((x, y) => (scores[y] ?? 0) - (scores[x] ?? 0) || x - y);
    let kept = 0;
    while (kept < n && before < goal) {
      before += Math.exp((scores[this.boundary[kept] ?? 0] ?? 0) - max);
      kept++;
    }
    return [cut, kept];
  }

  /** Fills `members` with the indices in bin `b`; returns how many. */
  private collect(count: number, b: number): number {
    let n = 0;
    const bins = this.bin;
    for (let i = 0; i < count; i++) {
      if (bins[i] === b) {
        this.members[n++] = i;
      }
    }
    return n;
  }

  /** Bin bases exp(−(b/64)/T), cached per temperature. */
  private temper(temperature: number): void {
    if (temperature === this.baseTemperature) {
      return;
    }
    for (let b = 0; b < BINS; b++) {
      this.base[b] = Math.exp(-(b * WIDTH) / temperature);
    }
    this.baseTemperature = temperature;
  }
}

function massOf(
  scores: Float32Array,
  indices: Int32Array,
  n: number,
  max: number,
  inverse: number,
): number {
  let total = 0;
  for (let j = 0; j < n; j++) {
    total += Math.exp(((scores[indices[j] ?? 0] ?? 0) - max) * inverse);
  }
  return total;
}

/** Exact draw among `indices[0..n)` at fraction `u` of their tempered mass. */
function pick(
  scores: Float32Array,
  indices: Int32Array,
  n: number,
  max: number,
  inverse: number,
  u: number,
): number {
  let target = u * massOf(scores, indices, n, max, inverse);
  for (let j = 0; j < n; j++) {
    const i = indices[j] ?? 0;
    target -= Math.exp(((scores[i] ?? 0) - max) * inverse);
    if (target < 0) {
      return i;
    }
  }
  return indices[Math.max(0, n - 1)] ?? 0;
}

function argmax(scores: Float32Array, count: number): number {
  let best = 0;
  for (let i = 1; i < count; i++) {
    if ((scores[i] ?? -Infinity) > (scores[best] ?? -Infinity)) {
      best = i;
    }
  }
  return best;
}
