/**
 * One LM sampling step over the model's logits (spec §6.4, PyTorch backend order):
 * classifier-free guidance `u + cfg·(c − u)` → grammar constraint → repetition penalty →
 * top-k → top-p (on the untempered distribution, at least one kept) → temperature → softmax →
 * draw. Temperature 0 (or a greedy constraint) is argmax, lowest id on ties.
 *
 * Semantics, exactly (token-sampler-reference.test.ts implements them naively and checks that
 * both draw the same ids from the same uniforms): candidates ranked by score, best first, ties
 * by lower id; top-k keeps scores ≥ the k-th; top-p keeps a candidate while the untempered
 * mass before it is below p·Z; the draw takes the first kept candidate in rank order whose
 * cumulative tempered mass exceeds u·Z_T, u being one `random.next()` per sampled token (none
 * when the step is forced, greedy, or has one candidate).
 *
 * Cost: one fused pass scores the allowed candidates (guidance, penalty, best) into a by-id
 * array; a second bins them by distance below the best; only the bins that the top-p cut and
 * the draw can reach get an `exp` each (certified-draw.ts). No allocation per token.
 */
import { StudioError } from '../../../../app/errors.ts';
import { scoreCandidates, type ScoreSource, type ScoreTotals } from './candidate-pass.ts';
import { CertifiedDraw, type DrawStats } from './certified-draw.ts';
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

const NO_IDS = new Int32Array(0);

/** Reusable scratch space for sampling over one vocabulary size. */
export class TokenSampler {
  private readonly scores: Float32Array;
  private readonly certified: CertifiedDraw;
  private readonly totals: ScoreTotals = { count: 0, max: -Infinity, best: -1 };
  private readonly source: ScoreSource = {
    logits: new Float32Array(0),
    cond: 0,
    uncond: -1,
    cfg: 1,
    penalty: 1,
    seen: undefined,
  };

  constructor(vocabSize: number) {
    this.scores = new Float32Array(vocabSize);
    this.certified = new CertifiedDraw(this.scores);
  }

  /** Draw counters: draws over large sets, fallbacks to all-exact, exact candidates. */
  get stats(): Readonly<DrawStats> {
    return this.certified.stats;
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
    const runs = constraint.kind === 'only' ? NO_IDS : constraint.runs;
    const ids = constraint.kind === 'only' ? constraint.ids : NO_IDS;
    const totals = this.totals;
    scoreCandidates(runs, ids, source, this.scores, totals);
    if (totals.count === 0) {
      throw new RangeError('the grammar allows no token here');
    }
    if (totals.best < 0 || totals.max === Infinity) {
      throw new StudioError('INFERENCE_FAILED', 'The LM produced logits that are not numbers.');
    }
    if (totals.count === 1) {
      return totals.best;
    }
    const greedy = constraint.kind === 'only' && constraint.greedy;
    if (greedy || params.temperature <= 0) {
      return totals.best;
    }
    return this.certified.draw(runs, ids, totals.count, totals.max, params, random.next());
  }
}
