/**
 * One LM sampling step over the model's logits (spec §6.4, PyTorch backend order):
 * classifier-free guidance `u + cfg·(c − u)` → grammar constraint → repetition penalty →
 * top-k → top-p (on the untempered distribution, at least one kept) → temperature → softmax →
 * draw. Temperature 0 is argmax.
 *
 * Cost: only the constraint's candidates are read (64,001 in the codes phase, a handful in a
 * prefix tree, the vocabulary for free text); no allocation per call; top-k uses a bounded
 * min-heap and top-p a log-probability histogram with an exact sort of one boundary bucket, so
 * nothing sorts the whole candidate set.
 */
import { BucketedDraw } from './bucketed-draw.ts';
import type { SeededRandom } from './seeded-random.ts';
import type { TokenConstraint } from './token-constraint.ts';

export interface SamplingParams {
  /** 0 → greedy. Reference default 0.85. */
  temperature: number;
  /** 0 → off. */
  topK: number;
  /** 1 → off. Reference default 0.9. */
  topP: number;
  /** 1 → off. */
  repetitionPenalty: number;
  /** 1 → no guidance (the unconditional row is ignored). Reference default 2.0. */
  cfgScale: number;
}

/** Tokens already generated for one sequence (the repetition penalty's memory). */
export class TokenHistory {
  readonly seen: Uint8Array;
  private readonly ids: number[] = [];

  constructor(vocabSize: number) {
    this.seen = new Uint8Array(vocabSize);
  }

  add(id: number): void {
    if (this.seen[id] === 0) {
      this.seen[id] = 1;
      this.ids.push(id);
    }
  }

  clear(): void {
    for (const id of this.ids) {
      this.seen[id] = 0;
    }
    this.ids.length = 0;
  }
}

/** Above this many candidates the draw bins log-probabilities instead of one exp each. */
const LARGE_SET = 4096;
/** Below this temperature the binned masses lose accuracy: use the exact path. */
const MIN_BUCKETED_TEMPERATURE = 0.25;
const BUCKETS = 2048;
const BUCKETS_PER_NAT = 32;

/** Reusable scratch space for sampling over one vocabulary size. */
export class TokenSampler {
  private readonly ids: Int32Array;
  private readonly scores: Float32Array;
  private readonly heap: Float32Array;
  private readonly bucketMass = new Float64Array(BUCKETS);
  private readonly boundary: Int32Array;
  private readonly bucketed: BucketedDraw;
  /** The best guided score seen by the last gather over a range (NaN: not computed). */
  private gatheredMax = Number.NaN;

  constructor(vocabSize: number) {
    this.bucketed = new BucketedDraw(vocabSize);
    this.ids = new Int32Array(vocabSize);
    this.scores = new Float32Array(vocabSize);
    this.heap = new Float32Array(vocabSize);
    this.boundary = new Int32Array(vocabSize);
  }

  /**
   * Draws one id. `logits` holds rows of `vocabSize`; the conditional row starts at `cond`, the
   * unconditional one at `uncond` (−1 without guidance).
   */
  sample(
    logits: Float32Array,
    cond: number,
    uncond: number,
    constraint: TokenConstraint,
    params: SamplingParams,
    history: TokenHistory | undefined,
    random: SeededRandom,
  ): number {
    const guidance = uncond >= 0 && params.cfgScale !== 1 ? params.cfgScale : 1;
    const penalty = history === undefined ? 1 : params.repetitionPenalty;
    const count = this.gather(logits, cond, guidance === 1 ? -1 : uncond, guidance, constraint);
    if (count === 0) {
      throw new RangeError('the grammar allows no token here');
    }
    if (penalty !== 1 && history !== undefined) {
      this.penalize(count, penalty, history.seen);
    }
    if (count === 1) {
      return this.ids[0] ?? 0;
    }
    const greedy = constraint.kind === 'only' && constraint.greedy;
    if (greedy || params.temperature <= 0) {
      return this.argmax(count);
    }
    let kept = count;
    if (params.topK > 0 && params.topK < kept) {
      kept = this.topK(kept, params.topK);
    }
    if (kept > LARGE_SET && params.temperature >= MIN_BUCKETED_TEMPERATURE) {
      const index = this.bucketed.draw(
        this.scores,
        kept,
        // An upper bound is enough (penalties only lower scores; top-k keeps the best).
        Number.isNaN(this.gatheredMax) ? this.max(kept) : this.gatheredMax,
        params.topP,
        params.temperature,
        random.next(),
      );
      return this.ids[index] ?? 0;
    }
    if (params.topP < 1 && params.topP > 0) {
      kept = this.topP(kept, params.topP);
    }
    return this.draw(kept, params.temperature, random);
  }

  /** Copies the allowed candidates' guided logits into the scratch arrays. */
  private gather(
    logits: Float32Array,
    cond: number,
    uncond: number,
    guidance: number,
    constraint: TokenConstraint,
  ): number {
    this.gatheredMax = Number.NaN;
    switch (constraint.kind) {
      case 'only': {
        let n = 0;
        for (const id of constraint.ids) {
          n = this.put(logits, cond, uncond, guidance, id, n);
        }
        return n;
      }
      case 'range': {
        let n = 0;
        const { start, end } = constraint;
        const ids = this.ids;
        const scores = this.scores;
        let max = -Infinity;
        if (uncond < 0) {
          for (let id = start; id < end; id++, n++) {
            const v = logits[cond + id] ?? 0;
            ids[n] = id;
            scores[n] = v;
            max = v > max ? v : max;
          }
        } else {
          const keep = 1 - guidance;
          for (let id = start; id < end; id++, n++) {
            const v = (logits[uncond + id] ?? 0) * keep + (logits[cond + id] ?? 0) * guidance;
            ids[n] = id;
            scores[n] = v;
            max = v > max ? v : max;
          }
        }
        if (constraint.extra >= 0) {
          n = this.put(logits, cond, uncond, guidance, constraint.extra, n);
          max = Math.max(max, scores[n - 1] ?? -Infinity);
        }
        this.gatheredMax = max;
        return n;
      }
      case 'mask': {
        let n = 0;
        const blocked = constraint.blocked;
        for (let id = 0; id < blocked.length; id++) {
          if (blocked[id] === 0) {
            n = this.put(logits, cond, uncond, guidance, id, n);
          }
        }
        return n;
      }
    }
  }

  /** Stores candidate `id` at slot `n`; returns n + 1. */
  private put(
    logits: Float32Array,
    cond: number,
    uncond: number,
    guidance: number,
    id: number,
    n: number,
  ): number {
    const c = logits[cond + id] ?? 0;
    this.ids[n] = id;
    this.scores[n] = uncond < 0 ? c : (logits[uncond + id] ?? 0) * (1 - guidance) + c * guidance;
    return n + 1;
  }

  /** HF repetition penalty: divide positive logits, multiply negative ones. */
  private penalize(count: number, penalty: number, seen: Uint8Array): void {
    for (let i = 0; i < count; i++) {
      if (seen[this.ids[i] ?? 0] === 1) {
        const s = this.scores[i] ?? 0;
        this.scores[i] = s > 0 ? s / penalty : s * penalty;
      }
    }
  }

  private max(count: number): number {
    let max = -Infinity;
    const scores = this.scores;
    for (let i = 0; i < count; i++) {
      const s = scores[i] ?? -Infinity;
      if (s > max) {
        max = s;
      }
    }
    return max;
  }

  private argmax(count: number): number {
    let best = 0;
    let bestScore = -Infinity;
    for (let i = 0; i < count; i++) {
      const s = this.scores[i] ?? -Infinity;
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    }
    return this.ids[best] ?? 0;
  }

  /** Keeps scores ≥ the k-th largest (ties kept, as HF does); returns the new count. */
  private topK(count: number, k: number): number {
    const heap = this.heap;
    let size = 0;
    for (let i = 0; i < count; i++) {
      const s = this.scores[i] ?? 0;
      if (size < k) {
        heap[size] = s;
        siftUp(heap, size++);
      } else if (s > (heap[0] ?? 0)) {
        heap[0] = s;
        siftDown(heap, size);
      }
    }
    return this.compact(count, heap[0] ?? -Infinity);
  }

  /** Moves candidates with score ≥ threshold to the front; returns how many. */
  private compact(count: number, threshold: number): number {
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const s = this.scores[i] ?? 0;
      if (s >= threshold) {
        this.scores[kept] = s;
        this.ids[kept] = this.ids[i] ?? 0;
        kept++;
      }
    }
    return kept;
  }

  /**
   * Nucleus: the most probable candidates whose mass reaches `p`, including the one that
   * crosses it (HF keeps a token when the mass of the more probable ones is below p).
   */
  private topP(count: number, p: number): number {
    const scores = this.scores;
    let max = -Infinity;
    for (let i = 0; i < count; i++) {
      max = Math.max(max, scores[i] ?? -Infinity);
    }
    const mass = this.bucketMass.fill(0);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const d = max - (scores[i] ?? 0);
      const e = Math.exp(-d);
      total += e;
      const b = Math.min(BUCKETS - 1, Math.floor(d * BUCKETS_PER_NAT));
      mass[b] = (mass[b] ?? 0) + e;
    }
    const goal = p * total;
    let before = 0;
    let cut = 0;
    while (cut < BUCKETS - 1 && before + (mass[cut] ?? 0) < goal) {
      before += mass[cut] ?? 0;
      cut++;
    }
    return this.keepNucleus(count, max, cut, before, goal);
  }

  /** Keeps buckets before `cut` and, of bucket `cut`, the best ones until the mass reaches goal. */
  private keepNucleus(
    count: number,
    max: number,
    cut: number,
    before: number,
    goal: number,
  ): number {
    const scores = this.scores;
    const boundary = this.boundary;
    let inBoundary = 0;
    for (let i = 0; i < count; i++) {
      const b = Math.min(BUCKETS - 1, Math.floor((max - (scores[i] ?? 0)) * BUCKETS_PER_NAT));
      if (b === cut) {
        boundary[inBoundary++] = i;
      }
    }
    const order = boundary
      .subarray(0, inBoundary)
      .sort((x, y) => (scores[y] ?? 0) - (scores[x] ?? 0) || x - y);
    let threshold = Infinity;
    let reached = before;
    for (const i of order) {
      if (reached >= goal) {
        break;
      }
      const s = scores[i] ?? 0;
      reached += Math.exp(s - max);
      threshold = s;
    }
    const lowestKeptBucket = threshold === Infinity ? cut - 1 : cut;
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const s = scores[i] ?? 0;
      const b = Math.min(BUCKETS - 1, Math.floor((max - s) * BUCKETS_PER_NAT));
      if (b < lowestKeptBucket || (b === cut && s >= threshold)) {
        scores[kept] = s;
        this.ids[kept] = this.ids[i] ?? 0;
        kept++;
      }
    }
    return Math.max(kept, 1);
  }

  /** Softmax at `temperature` over the kept candidates and one draw. */
  private draw(count: number, temperature: number, random: SeededRandom): number {
    const scores = this.scores;
    let max = -Infinity;
    for (let i = 0; i < count; i++) {
      max = Math.max(max, scores[i] ?? -Infinity);
    }
    const inverse = 1 / temperature;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const e = Math.exp(((scores[i] ?? 0) - max) * inverse);
      scores[i] = e;
      total += e;
    }
    let target = random.next() * total;
    for (let i = 0; i < count; i++) {
      target -= scores[i] ?? 0;
      if (target < 0) {
        return this.ids[i] ?? 0;
      }
    }
    return this.ids[count - 1] ?? 0;
  }
}

function siftUp(heap: Float32Array, index: number): void {
  let i = index;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if ((heap[parent] ?? 0) <= (heap[i] ?? 0)) {
      return;
    }
    swap(heap, i, parent);
    i = parent;
  }
}

function siftDown(heap: Float32Array, size: number): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < size && (heap[left] ?? 0) < (heap[smallest] ?? 0)) {
      smallest = left;
    }
    if (right < size && (heap[right] ?? 0) < (heap[smallest] ?? 0)) {
      smallest = right;
    }
    if (smallest === i) {
      return;
    }
    swap(heap, i, smallest);
    i = smallest;
  }
}

function swap(heap: Float32Array, i: number, j: number): void {
  const t = heap[i] ?? 0;
  heap[i] = heap[j] ?? 0;
  heap[j] = t;
}
