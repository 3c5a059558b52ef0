/**
 * The 5 Hz LM planner's modes (spec §6.1, §6.6): generate phase 1 (CoT metadata for what the
 * user left empty), phase 2 (audio codes), inspire (simple mode), format (query rewriting) and
 * understand (audio codes → metadata and lyrics). Each renders its prompt from the checkpoint's
 * chat template, decodes under the grammar and parses the result.
 */
import { StudioError } from '../../../../app/errors.ts';
import { INSTRUMENTAL_LYRICS } from '../text/prompt-templates.ts';
import type { QwenTokenizer } from '../text/qwen-tokenizer.ts';
import type { CotPlan } from './cot-fsm.ts';
import { buildCotVocabulary, type CotField, type CotVocabulary } from './cot-vocabulary.ts';
import { type CotMetadata, formatCot, parseLmOutput } from './cot-yaml.ts';
import { decodeLm, type LmProgress, type PhaseTemperatures } from './lm-decoder.ts';
import type { LmGraphConfig, LmGraphs } from './lm-kv-session.ts';
import {
  codesPrompt,
  codesUncondPrompt,
  formatPrompt,
  generatePrompt,
  generateUncondPrompt,
  inspirePrompt,
  type LmChatTemplate,
  lmChatTemplate,
  understandPrompt,
} from './lm-prompts.ts';
import type { SamplingParams } from './token-sampler.ts';

/** A loaded LM: tokenizer tables, chat template and the graph runner. */
export interface LmEngine {
  readonly vocabulary: CotVocabulary;
  readonly template: LmChatTemplate;
  readonly graphs: LmGraphs;
  readonly config: LmGraphConfig;
  /** KV capacity in tokens (prompt + generated), default 8,192. */
  readonly maxContext: number;
  /** Caption cap (spec: 512) and lyrics/free-text cap (2,048) in tokens. */
  readonly captionMaxTokens: number;
  readonly lyricsMaxTokens: number;
}

/** Builds an engine over a loaded tokenizer (one-off cost: the grammar tables). */
export function createLmEngine(input: {
  tokenizer: QwenTokenizer;
  graphs: LmGraphs;
  config: LmGraphConfig;
  genres?: readonly string[] | undefined;
  maxContext?: number | undefined;
  captionMaxTokens?: number | undefined;
  lyricsMaxTokens?: number | undefined;
}): LmEngine {
  if (input.tokenizer.vocabSize !== input.config.vocab) {
    throw new StudioError(
      'MODEL_CORRUPT',
      `The LM tokenizer has ${input.tokenizer.vocabSize} ids but the graphs ${input.config.vocab}.`,
    );
  }
  return {
    vocabulary: buildCotVocabulary(input.tokenizer, input.genres),
    template: lmChatTemplate(input.tokenizer),
    graphs: input.graphs,
    config: input.config,
    maxContext: input.maxContext ?? 8192,
    captionMaxTokens: input.captionMaxTokens ?? 512,
    lyricsMaxTokens: input.lyricsMaxTokens ?? 2048,
  };
}

/** Values the user already gave (injected verbatim by the grammar). */
export interface KnownMetadata {
  bpm?: number | undefined;
  durationSeconds?: number | undefined;
  keyScale?: string | undefined;
  timeSignature?: number | undefined;
  language?: string | undefined;
}

/** Sampling and control shared by every mode. */
export interface LmRunOptions {
  params: SamplingParams;
  /** Optional per-phase temperatures (metadata CoT, audio codes). */
  phaseTemperatures?: PhaseTemperatures | undefined;
  seed: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: LmProgress) => void) | undefined;
}

function injected(known: KnownMetadata, withLanguage: boolean): Partial<Record<CotField, string>> {
  const out: Partial<Record<CotField, string>> = {};
  if (known.bpm !== undefined) {
    out.bpm = String(Math.round(known.bpm));
  }
  if (known.durationSeconds !== undefined && known.durationSeconds > 0) {
    out.duration = String(Math.trunc(known.durationSeconds));
  }
  if (known.keyScale !== undefined && known.keyScale !== '') {
    out.keyscale = known.keyScale;
  }
  if (known.timeSignature !== undefined) {
    out.timesignature = String(known.timeSignature);
  }
  if (withLanguage && known.language !== undefined && known.language !== 'unknown') {
    out.language = known.language;
  }
  return out;
}

function encode(engine: LmEngine, text: string): number[] {
  return engine.vocabulary.tokenizer.encode(text);
}

async function decodeText(
  engine: LmEngine,
  prompt: string,
  uncond: string | undefined,
  plan: CotPlan,
  options: LmRunOptions,
  expectedTokens: number,
): Promise<string> {
  const ids = encode(engine, prompt);
  const budget = Math.max(1, engine.maxContext - ids.length);
  const out = await decodeLm({
    vocabulary: engine.vocabulary,
    graphs: engine.graphs,
    config: engine.config,
    prompts: [ids],
    uncondPrompts: uncond === undefined ? undefined : [encode(engine, uncond)],
    plan,
    params: options.params,
    seeds: [options.seed],
    maxNewTokens: Math.min(budget, expectedTokens * 4 + 64),
    expectedTokens,
    signal: options.signal,
    onProgress: options.onProgress,
    phaseTemperatures: options.phaseTemperatures,
  });
  return engine.vocabulary.tokenizer.decode(out.tokens[0] ?? []);
}

/** Generate phase 1: CoT metadata for the fields the user left empty (spec §6.6). */
export async function planMetadata(
  engine: LmEngine,
  input: {
    caption: string;
    lyrics: string;
    known: KnownMetadata;
    useCotCaption: boolean;
    useCotLanguage: boolean;
    negativePrompt?: string | undefined;
  },
  options: LmRunOptions,
): Promise<{ metadata: CotMetadata; cot: string }> {
  const fields: CotField[] = ['bpm', 'duration', 'keyscale', 'timesignature'];
  if (input.useCotCaption) {
    fields.push('caption');
  }
  if (input.useCotLanguage) {
    fields.push('language');
  }
  const plan: CotPlan = {
    fields,
    injected: injected(input.known, true),
    after: 'stop',
    captionMaxTokens: engine.captionMaxTokens,
  };
  const text = await decodeText(
    engine,
    generatePrompt(engine.template, input),
    generateUncondPrompt(engine.template, { lyrics: input.lyrics, negative: input.negativePrompt }),
    plan,
    options,
    input.useCotCaption ? 120 : 40,
  );
  const metadata = parseLmOutput(text).metadata;
  return { metadata, cot: formatCot(metadata) };
}

/**
 * Generate phase 2: audio codes (0..63,999) per batch item after the CoT. With a target the
 * count is exact (duration × 5 codes); without one the LM stops on its own (≤ `maxCodes`).
 */
export async function generateCodes(
  engine: LmEngine,
  input: {
    caption: string;
    lyrics: string;
    metadata: CotMetadata;
    targetCodes?: number | undefined;
    maxCodes?: number | undefined;
    batch?: number | undefined;
    negativePrompt?: string | undefined;
  },
  options: LmRunOptions,
): Promise<number[][]> {
  const batch = input.batch ?? 1;
  const t = engine.template;
  const prompt = encode(engine, codesPrompt(t, { ...input, cot: formatCot(input.metadata) }));
  const uncond = encode(engine, codesUncondPrompt(t, { ...input, negative: input.negativePrompt }));
  const limit = input.targetCodes ?? input.maxCodes ?? 3000;
  const out = await decodeLm({
    vocabulary: engine.vocabulary,
    graphs: engine.graphs,
    config: engine.config,
    prompts: Array.from({ length: batch }, () => prompt),
    uncondPrompts: Array.from({ length: batch }, () => uncond),
    plan: {
      fields: [],
      after: 'codes',
      codesOnly: true,
      targetCodes: input.targetCodes,
      maxCodes: limit,
    },
    params: options.params,
    seeds: Array.from({ length: batch }, (_, i) => options.seed + i),
    maxNewTokens: Math.min(limit + 1, engine.maxContext - Math.max(prompt.length, uncond.length)),
    expectedTokens: limit + 1,
    signal: options.signal,
    onProgress: options.onProgress,
    phaseTemperatures: options.phaseTemperatures,
  });
  const codeStart = engine.vocabulary.table.codeStart;
  return out.tokens.map((ids) =>
    ids
      .filter((id) => id >= codeStart && id < engine.vocabulary.table.codeEnd)
      .map((id) => id - codeStart),
  );
}

/** What inspire, format and understand return. */
export interface LmSongDraft {
  metadata: CotMetadata;
  lyrics: string;
  instrumental: boolean;
}

const UNDERSTAND_FIELDS: CotField[] = [
  'bpm',
  'caption',
  'duration',
  'genres',
  'keyscale',
  'language',
  'timesignature',
];

async function draft(
  engine: LmEngine,
  prompt: string,
  injectedValues: Partial<Record<CotField, string>>,
  options: LmRunOptions,
  withLyrics = true,
): Promise<LmSongDraft> {
  const plan: CotPlan = {
    fields: UNDERSTAND_FIELDS,
    injected: injectedValues,
    after: withLyrics ? 'free' : 'stop',
    captionMaxTokens: engine.captionMaxTokens,
    freeMaxTokens: engine.lyricsMaxTokens,
  };
  // No CFG in these modes (spec §6.5).
  const text = await decodeText(
    engine,
    prompt,
    undefined,
    plan,
    { ...options, params: { ...options.params, cfgScale: 1 } },
    400,
  );
  const parsed = parseLmOutput(text);
  const lyrics = parsed.lyrics === '' ? INSTRUMENTAL_LYRICS : parsed.lyrics;
  return { metadata: parsed.metadata, lyrics, instrumental: lyrics.trim() === INSTRUMENTAL_LYRICS };
}

/** Simple mode: one sentence in, a full request out (spec §6.1 inspire). */
export function inspire(
  engine: LmEngine,
  input: { query: string; instrumental: boolean; language?: string | undefined },
  options: LmRunOptions,
): Promise<LmSongDraft> {
  // An instrumental request needs no lyrics: stop after the CoT.
  return draft(
    engine,
    inspirePrompt(engine.template, input),
    injected({ language: input.language }, true),
    options,
    !input.instrumental,
  );
}

/** Query rewriting: caption and lyrics expanded and formatted; user metadata kept. */
export function formatRequest(
  engine: LmEngine,
  input: { caption: string; lyrics: string; known: KnownMetadata },
  options: LmRunOptions,
): Promise<LmSongDraft> {
  return draft(engine, formatPrompt(engine.template, input), injected(input.known, true), options);
}

/** Audio understanding: FSQ codes of a clip in, metadata and lyrics out. */
export function understandCodes(
  engine: LmEngine,
  input: { codes: readonly number[] },
  options: LmRunOptions,
): Promise<LmSongDraft> {
  return draft(engine, understandPrompt(engine.template, input), {}, options);
}
