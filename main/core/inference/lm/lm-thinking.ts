/**
 * "Thinking" for a generation (spec §6.6, §12 items 23-24): which LM phases a request runs and
 * how their output feeds the DiT.
 *
 * - cover and repaint: the LM is skipped (it would replace the source's own structure).
 * - lego, extract, complete: metadata only. Codes are never generated for these tasks: with
 *   codes the DiT treats the item as a cover and ignores the source audio.
 * - text2music: phase 1 (CoT) for missing metadata when `useCotMetas` and not all four of bpm,
 *   key, time signature and duration are given; phase 2 (audio codes) when `thinking` and the
 *   user gave no codes, with exactly duration × 5 codes when the user fixed the duration.
 *
 * The LM fills only what the user left empty; its caption replaces the user's when
 * `useCotCaption`, its language is used when `useCotLanguage` and the user gave none (the
 * reference drops it through a key mismatch, §12 item 11; we pass it on).
 */
import type { GenerationTask } from '../../../../app/generation/request.ts';
import { INSTRUMENTAL_LYRICS } from '../text/prompt-templates.ts';
import { type CotMetadata, formatCot } from './cot-yaml.ts';
import { generateCodes, type LmEngine, type LmRunOptions, planMetadata } from './lm-planner.ts';

export interface ThinkingFlags {
  thinking: boolean;
  useCotMetas: boolean;
  useCotCaption: boolean;
  useCotLanguage: boolean;
}

export interface ThinkingInput extends ThinkingFlags {
  task: GenerationTask;
  caption: string;
  lyrics: string;
  instrumental: boolean;
  language?: string | undefined;
  bpm?: number | undefined;
  timeSignature?: number | undefined;
  keyScale?: string | undefined;
  durationSeconds?: number | undefined;
  /** Codes the user supplied (then phase 2 never runs). */
  audioCodes?: readonly number[] | undefined;
  batch: number;
  negativePrompt?: string | undefined;
}

export interface ThinkingResult {
  phases: ('metadata' | 'codes')[];
  caption: string;
  language?: string | undefined;
  bpm?: number | undefined;
  timeSignature?: number | undefined;
  keyScale?: string | undefined;
  durationSeconds?: number | undefined;
  /** One code list per batch item (text2music with thinking only). */
  audioCodes?: number[][] | undefined;
  /** The CoT the codes were conditioned on. */
  cot?: string | undefined;
}

/** What the LM may do for a task. */
export function lmRole(task: GenerationTask, flags: ThinkingFlags): 'skip' | 'metadata' | 'codes' {
  const wanted = flags.thinking || flags.useCotMetas || flags.useCotCaption || flags.useCotLanguage;
  if (!wanted || task === 'cover' || task === 'repaint') {
    return 'skip';
  }
  return task === 'text2music' && flags.thinking ? 'codes' : 'metadata';
}

function allMetasGiven(input: ThinkingInput): boolean {
  return (
    input.bpm !== undefined &&
    input.timeSignature !== undefined &&
    input.keyScale !== undefined &&
    input.durationSeconds !== undefined
  );
}

/** The phases the request runs, in order. */
export function thinkingPhases(input: ThinkingInput): ('metadata' | 'codes')[] {
  const role = lmRole(input.task, input);
  if (role === 'skip') {
    return [];
  }
  const phases: ('metadata' | 'codes')[] = [];
  if (input.useCotMetas && !allMetasGiven(input)) {
    phases.push('metadata');
  }
  if (role === 'codes' && (input.audioCodes === undefined || input.audioCodes.length === 0)) {
    phases.push('codes');
  }
  return phases;
}

/** Runs the phases; `options.seed` seeds phase 1 and item i's codes use seed + i. */
export async function think(
  engine: LmEngine,
  input: ThinkingInput,
  options: LmRunOptions,
): Promise<ThinkingResult> {
  const phases = thinkingPhases(input);
  const lyrics =
    input.instrumental || input.lyrics.trim() === '' ? INSTRUMENTAL_LYRICS : input.lyrics;
  const result: ThinkingResult = {
    phases,
    caption: input.caption,
    language: input.language,
    bpm: input.bpm,
    timeSignature: input.timeSignature,
    keyScale: input.keyScale,
    durationSeconds: input.durationSeconds,
  };
  let lm: CotMetadata = {};
  if (phases.includes('metadata')) {
    const planned = await planMetadata(
      engine,
      {
        caption: input.caption,
        lyrics,
        known: {
          bpm: input.bpm,
          durationSeconds: input.durationSeconds,
          keyScale: input.keyScale,
          timeSignature: input.timeSignature,
          language: input.language,
        },
        useCotCaption: input.useCotCaption,
        useCotLanguage: input.useCotLanguage,
        negativePrompt: input.negativePrompt,
      },
      options,
    );
    lm = planned.metadata;
    mergeMetadata(result, lm, input);
  }
  if (phases.includes('codes')) {
    const metadata = codesMetadata(result, lm, input.caption);
    result.cot = formatCot(metadata);
    result.audioCodes = await generateCodes(
      engine,
      {
        caption: input.caption,
        lyrics,
        metadata,
        // The user's duration fixes the count; the CoT's does not (reference behaviour).
        targetCodes:
          input.durationSeconds === undefined ? undefined : Math.round(input.durationSeconds * 5),
        batch: input.batch,
        negativePrompt: input.negativePrompt,
      },
      options,
    );
  }
  return result;
}

function mergeMetadata(result: ThinkingResult, lm: CotMetadata, input: ThinkingInput): void {
  result.bpm ??= lm.bpm;
  result.durationSeconds ??= lm.duration;
  result.keyScale ??= lm.keyscale;
  if (result.timeSignature === undefined && lm.timesignature !== undefined) {
    const numerator = Number.parseInt(lm.timesignature, 10);
    result.timeSignature = Number.isFinite(numerator) ? numerator : undefined;
  }
  if (input.useCotCaption && lm.caption !== undefined && lm.caption !== '') {
    result.caption = lm.caption;
  }
  if (input.useCotLanguage && (input.language === undefined || input.language === 'unknown')) {
    result.language = lm.language ?? input.language;
  }
}

/** The CoT of phase 2: the merged values (user first, then the LM's). */
function codesMetadata(result: ThinkingResult, lm: CotMetadata, caption: string): CotMetadata {
  const metadata: CotMetadata = { ...lm, caption: lm.caption ?? caption };
  if (result.bpm !== undefined) {
    metadata.bpm = Math.round(result.bpm);
  }
  if (result.durationSeconds !== undefined) {
    metadata.duration = Math.trunc(result.durationSeconds);
  }
  if (result.keyScale !== undefined) {
    metadata.keyscale = result.keyScale;
  }
  if (result.timeSignature !== undefined) {
    metadata.timesignature = String(result.timeSignature);
  }
  if (result.language !== undefined) {
    metadata.language = result.language;
  }
  return metadata;
}
