/**
 * The LM decode loop: prefill the prompts, then one token per step for every batch item under
 * its grammar, with classifier-free guidance as extra unconditional rows fed the same token
 * (spec §6.5). Cancellation is checked between tokens; progress reports tokens so far against
 * the expected count.
 */
import { throwIfCancelled } from '../../../../app/errors.ts';
import { CotFsm, type CotPlan } from './cot-fsm.ts';
import type { CotVocabulary } from './cot-vocabulary.ts';
import { type LmGraphConfig, type LmGraphs, LmKvSession } from './lm-kv-session.ts';
import { SeededRandom } from './seeded-random.ts';
import { type SamplingParams, TokenHistory, TokenSampler } from './token-sampler.ts';

/** Progress of one LM phase. */
export interface LmProgress {
  tokens: number;
  expectedTokens: number;
}

export interface LmDecodeInput {
  vocabulary: CotVocabulary;
  graphs: LmGraphs;
  config: LmGraphConfig;
  /** One conditional prompt (token ids) per batch item. */
  prompts: readonly (readonly number[])[];
  /** One unconditional prompt per item; used when `params.cfgScale !== 1`. */
  uncondPrompts?: readonly (readonly number[])[] | undefined;
  plan: CotPlan;
  params: SamplingParams;
  /** Optional temperatures per phase (spec §6.3 rule 11): CoT metadata, audio codes. */
  phaseTemperatures?: PhaseTemperatures | undefined;
  /** One seed per item. */
  seeds: readonly number[];
  maxNewTokens: number;
  expectedTokens?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: LmProgress) => void) | undefined;
}

export interface PhaseTemperatures {
  metadata?: number | undefined;
  codes?: number | undefined;
}

/** The sampling parameters for the FSM's current phase. */
function paramsFor(
  base: SamplingParams,
  phase: CotFsm['phase'],
  byPhase: PhaseTemperatures | undefined,
  metadataParams: SamplingParams,
  codesParams: SamplingParams,
): SamplingParams {
  if (byPhase === undefined) {
    return base;
  }
  if (phase === 'codes' && byPhase.codes !== undefined) {
    return codesParams;
  }
  if (phase === 'metadata' && byPhase.metadata !== undefined) {
    return metadataParams;
  }
  return base;
}

export interface LmDecodeOutput {
  /** Generated ids per item (end-of-sequence included when emitted). */
  tokens: number[][];
  /** Items whose grammar completed (false: the token budget ran out first). */
  complete: boolean[];
}

const PROGRESS_EVERY_TOKENS = 16;

/** Decodes every item to the end of its grammar or the token budget. */
export async function decodeLm(input: LmDecodeInput): Promise<LmDecodeOutput> {
  const items = input.prompts.length;
  const guided = input.params.cfgScale !== 1 && input.uncondPrompts !== undefined;
  const rows = guided ? [...input.prompts, ...(input.uncondPrompts ?? [])] : [...input.prompts];
  const vocab = input.config.vocab;
  throwIfCancelled(input.signal);
  const prefilled = await LmKvSession.prefill(
    input.graphs,
    input.config,
    rows,
    input.maxNewTokens,
    input.signal,
  );
  const session = prefilled.session;
  let logits = prefilled.logits;
  const fsms = input.prompts.map(() => new CotFsm(input.vocabulary, input.plan));
  const histories = input.prompts.map(() => new TokenHistory(vocab));
  const randoms = input.prompts.map((_, i) => new SeededRandom(input.seeds[i] ?? i));
  const sampler = new TokenSampler(vocab);
  const tokens: number[][] = input.prompts.map(() => []);
  const stepTokens = new Int32Array(rows.length).fill(input.vocabulary.table.eosId);
  const expected = Math.max(1, input.expectedTokens ?? input.maxNewTokens);
  const byPhase = input.phaseTemperatures;
  const metadataParams = {
    ...input.params,
    temperature: byPhase?.metadata ?? input.params.temperature,
  };
  const codesParams = { ...input.params, temperature: byPhase?.codes ?? input.params.temperature };
  for (let step = 0; step < input.maxNewTokens; step++) {
    throwIfCancelled(input.signal);
    for (let item = 0; item < items; item++) {
      const fsm = fsms[item];
      if (fsm === undefined || fsm.done) {
        continue;
      }
      const id = sampler.sample(
        logits,
        item * vocab,
        guided ? (items + item) * vocab : -1,
        fsm.constraint(),
        paramsFor(input.params, fsm.phase, byPhase, metadataParams, codesParams),
        histories[item],
        randoms[item] ?? new SeededRandom(item),
      );
      fsm.advance(id);
      histories[item]?.add(id);
      tokens[item]?.push(id);
      stepTokens[item] = id;
      if (guided) {
        stepTokens[items + item] = id;
      }
    }
    const done = fsms.every((fsm) => fsm.done);
    if (input.onProgress !== undefined && (done || step % PROGRESS_EVERY_TOKENS === 0)) {
      input.onProgress({ tokens: step + 1, expectedTokens: Math.max(expected, step + 1) });
    }
    if (done || step + 1 >= input.maxNewTokens) {
      break;
    }
    logits = await session.step(stepTokens, input.signal);
  }
  return { tokens, complete: fsms.map((fsm) => fsm.done) };
}
