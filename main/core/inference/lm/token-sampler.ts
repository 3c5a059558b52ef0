/**
 * One LM sampling step over the model's logits (spec §6.4, PyTorch backend order):
 * classifier-free guidance `u + cfg·(c − u)` → grammar constraint → repetition penalty →
 * top-k → top-p (on the untempered distribution, at least one kept) → temperature → softmax →
 * draw. Temperature 0 (or a greedy constraint) is argmax, lowest id on ties.
 *
 * The result has exactly the reference distribution (candidates ranked by score, ties by lower
 * id; top-k keeps scores ≥ the k-th; top-p keeps a candidate while the untempered mass before
 * it is below p·Z; softmax at T over the kept ones), and a seed reproduces the tokens.
 *
 * Cost per token: ONE branch-free pass over the allowed candidates (candidate-scan.ts) scores
 * them into a histogram; the top-k/top-p cut (on the bins' counts) and a rejection-sampled
 * draw work from the best bins down (binned-draw.ts), with a handful of `exp` per token. Small
 * sets and scores off the histogram's grid take the plain sort-everything path
 * (exact-draw.ts). No allocation per token on the large paths.
 */
import { StudioError } from '../../../../app/errors.ts';
import { BinnedDraw, type DrawStats } from './binned-draw.ts';
import {
  type ExactMasses,
  exactMasses,
  scanCandidates,
  ScoreHistogram,
  type ScoreSource,
  visitCandidates,
} from './candidate-scan.ts';
import { DrawBins } from './draw-bins.ts';
import { exactDraw } from './exact-draw.ts';
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

const NO_IDS: Int32Array = new Int32Array(0);
/** Up to this many candidates the plain exact draw is as cheap as binning. */
const SMALL_SET = 256;

/** Reusable scratch space for sampling over one vocabulary size. */
export class TokenSampler {
  private readonly histogram: ScoreHistogram;
  private readonly bins: DrawBins;
  private readonly binned: BinnedDraw;
  private readonly source: ScoreSource = {
    logits: new Float32Array(0),
    cond: 0,
    uncond: -1,
    cfg: 1,
    penalty: 1,
    seen: undefined,
  };
  private runs: Int32Array = NO_IDS;
  private ids: Int32Array = NO_IDS;
  /** Every candidate with its score, for the exact path (allocated on first use). */
  private listed: { ids: Int32Array; scores: Float32Array } | undefined;
  private readonly vocabSize: number;
  private readonly masses: ExactMasses = { total: 0, before: 0 };
  private readonly exactMasses = (score: number, id: number): ExactMasses => {
    const { runs, ids, source, histogram, masses } = this;
    exactMasses(runs, ids, source, histogram.max, score, id, masses);
    return masses;
  };

  constructor(vocabSize: number) {
    this.histogram = new ScoreHistogram(vocabSize);
    this.bins = new DrawBins(this.histogram);
    this.binned = new BinnedDraw(this.bins);
    this.vocabSize = vocabSize;
  }

  /** Draw counters of the large-set path. */
  get stats(): Readonly<DrawStats> {
    return this.binned.stats;
  }

  /** Exact weights computed by the large-set path so far (a benchmark counter). */
  get exactWeights(): number {
    return this.bins.exactWeights;
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
    const source = this.source;
    source.logits = logits;
    source.cond = cond;
    source.uncond = uncond >= 0 && params.cfgScale !== 1 ? uncond : -1;
    source.cfg = params.cfgScale;
    source.penalty = history === undefined ? 1 : params.repetitionPenalty;
    source.seen = history?.seen;
    this.runs = constraint.kind === 'only' ? NO_IDS : constraint.runs;
    this.ids = constraint.kind === 'only' ? constraint.ids : NO_IDS;
    const histogram = this.histogram;
    scanCandidates(this.runs, this.ids, source, histogram);
    if (histogram.count === 0) {
      throw new RangeError('the grammar allows no token here');
    }
    if (histogram.best < 0 || histogram.max === Infinity) {
      throw new StudioError('INFERENCE_FAILED', 'The LM produced logits that are not numbers.');
    }
    const greedy = constraint.kind === 'only' && constraint.greedy;
    if (histogram.count === 1 || greedy || params.temperature <= 0) {
      return histogram.best;
    }
    if (histogram.count <= SMALL_SET || !histogram.inRange) {
      return this.drawExactly(params, random);
    }
    this.bins.reset(source);
    return this.binned.draw(params, random, this.exactMasses);
  }

  /** Lists every candidate and draws by the plain exact procedure. */
  private drawExactly(params: SamplingParams, random: SeededRandom): number {
    const listed = (this.listed ??= {
      ids: new Int32Array(this.vocabSize),
      scores: new Float32Array(this.vocabSize),
    });
    let n = 0;
    visitCandidates(this.runs, this.ids, this.source, (id, score) => {
      listed.ids[n] = id;
      listed.scores[n] = score;
      n++;
    });
    if (listed.scores.subarray(0, n).some(Number.isNaN)) {
      throw new StudioError('INFERENCE_FAILED', 'The LM produced logits that are not numbers.');
    }
    return exactDraw(listed.ids, listed.scores, n, this.histogram.max, params, random.next());
  }
}
