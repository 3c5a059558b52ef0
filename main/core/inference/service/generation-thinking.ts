/**
 * Thinking inside generation.start (spec §6.6, §12 items 11 and 24): before the request is
 * normalised, the 5 Hz LM fills what the user left out and, for text2music, writes each batch
 * item's audio codes. The rules, enforced here whatever the LM answers:
 *
 * - cover and repaint: the LM never runs (it would replace the source's own structure);
 * - lego, extract and complete: metadata only, never codes (with codes the DiT would treat the
 *   item as a cover and ignore the source);
 * - the user's values win; the LM fills only what is missing;
 * - the LM's vocal language reaches the DiT's lyric prompt (the reference loses it through a
 *   key mismatch).
 */
import { StudioError } from '../../../../app/errors.ts';
import type { GenerationRequest } from '../../../../app/generation/request.ts';
import { VOCAL_LANGUAGES } from '../../../../app/model/song-draft.ts';
import type { ModelLibraryScan } from '../../models/model-library.ts';
import { LM_PREFERENCE, pickComponent } from '../lm/inference-lm-runtime.ts';
import type { LmJobControl } from '../lm/lm-handlers.ts';
import {
  lmRole,
  type ThinkingInput,
  thinkingPhases,
  type ThinkingResult,
} from '../lm/lm-thinking.ts';

/** What generation needs of the LM (InferenceLmRuntime in the studio). */
export interface GenerationLm {
  think(
    input: ThinkingInput,
    sampling: NonNullable<GenerationRequest['lmSampling']>,
    control: LmJobControl,
    options?: { lmId?: string },
  ): Promise<ThinkingResult>;
}

export interface ThoughtRequest {
  /** The request with the LM's values filled in (or the request itself when the LM did not run). */
  request: GenerationRequest;
  /** One code list per batch item when there is more than one item and the LM wrote codes. */
  itemAudioCodes?: number[][];
  /** For provenance; null when the LM did not run. */
  thinking: {
    lmId: string;
    seed: number;
    phases: ThinkingResult['phases'];
    caption: string;
    language: string | null;
    bpm: number | null;
    keyScale: string | null;
    timeSignature: number | null;
    durationSeconds: number | null;
    cot: string | null;
  } | null;
}

/** True when the request asks the LM for anything its task allows. */
export function wantsThinking(request: GenerationRequest): boolean {
  return (
    lmRole(request.task, request) !== 'skip' && thinkingPhases(thinkingInput(request)).length > 0
  );
}

function thinkingInput(request: GenerationRequest): ThinkingInput {
  const { metadata } = request;
  return {
    task: request.task,
    caption: request.caption,
    lyrics: request.lyrics,
    instrumental: request.instrumental,
    language: request.language,
    bpm: metadata.bpm,
    timeSignature: metadata.timeSignature,
    keyScale: metadata.keyScale,
    // Source tasks take their length from the source: the LM may not change it.
    durationSeconds: request.task === 'text2music' ? request.durationSeconds : undefined,
    audioCodes: request.audioCodes,
    batch: request.batchSize,
    thinking: request.thinking,
    useCotMetas: request.useCotMetas,
    useCotCaption: request.useCotCaption,
    useCotLanguage: request.useCotLanguage,
  };
}

const TIME_SIGNATURES = [2, 3, 4, 6] as const;

function isTimeSignature(value: number | undefined): value is 2 | 3 | 4 | 6 {
  return value !== undefined && (TIME_SIGNATURES as readonly number[]).includes(value);
}

/** The request with the LM's answer merged in (user values first). */
function merge(request: GenerationRequest, result: ThinkingResult): GenerationRequest {
  const given = request.metadata;
  const bpm = given.bpm ?? result.bpm;
  const keyScale = given.keyScale ?? result.keyScale;
  const timeSignature = given.timeSignature ?? result.timeSignature;
  const language =
    request.language !== undefined && request.language !== 'unknown'
      ? request.language
      : (VOCAL_LANGUAGES as readonly string[]).includes(result.language ?? '')
        ? result.language
        : request.language;
  const duration = request.durationSeconds ?? result.durationSeconds;
  return {
    ...request,
    caption: result.caption,
    ...(language === undefined ? {} : { language }),
    metadata: {
      ...(bpm === undefined ? {} : { bpm: Math.min(300, Math.max(30, bpm)) }),
      ...(keyScale === undefined ? {} : { keyScale }),
      ...(isTimeSignature(timeSignature) ? { timeSignature } : {}),
    },
    ...(request.task === 'text2music' && duration !== undefined
      ? { durationSeconds: Math.min(600, Math.max(1, duration)) }
      : {}),
  };
}

/**
 * Runs the LM when the request asks for it. `seeds` are the request's resolved seeds; the LM is
 * seeded with `lmSampling.seed` or the first of them (item i's codes use seed + i).
 */
export async function thinkForRequest(
  request: GenerationRequest,
  deps: {
    lm: GenerationLm | null;
    scan: ModelLibraryScan;
    seeds: readonly number[];
    control: LmJobControl;
  },
): Promise<ThoughtRequest> {
  if (!wantsThinking(request)) {
    return { request, thinking: null };
  }
  if (deps.lm === null) {
    throw new StudioError(
      'UNAVAILABLE',
      'Thinking needs the 5 Hz LM, which this studio runs without.',
    );
  }
  let lmId: string;
  try {
    lmId = pickComponent(deps.scan, 'lm', LM_PREFERENCE);
  } catch {
    throw new StudioError(
      'MODEL_MISSING',
      'Thinking needs a 5 Hz LM model; install lm-1.7b (or lm-0.6b or lm-4b), or turn thinking off.',
      { component: LM_PREFERENCE[0] },
    );
  }
  const seed = request.lmSampling?.seed ?? deps.seeds[0] ?? 0;
  const result = await deps.lm.think(
    thinkingInput(request),
    { ...request.lmSampling, seed },
    deps.control,
    { lmId },
  );
  const merged = merge(request, result);
  const thinking: ThoughtRequest['thinking'] = {
    lmId,
    seed,
    phases: result.phases,
    caption: result.caption,
    language: result.language ?? null,
    bpm: result.bpm ?? null,
    keyScale: result.keyScale ?? null,
    timeSignature: result.timeSignature ?? null,
    durationSeconds: result.durationSeconds ?? null,
    cot: result.cot ?? null,
  };
  // Codes only ever drive text2music, whatever the LM answered (§12 item 24).
  const codes = request.task === 'text2music' ? result.audioCodes : undefined;
  if (codes === undefined || codes.length === 0) {
    return { request: merged, thinking };
  }
  if (codes.length !== request.batchSize || codes.some((item) => item.length === 0)) {
    throw new StudioError(
      'INFERENCE_FAILED',
      `The LM wrote codes for ${codes.length} of ${request.batchSize} items (or an empty list).`,
    );
  }
  // The codes set the length now (duration × 5 of them when the user fixed one).
  const driven: GenerationRequest = { ...merged, durationSeconds: undefined, audioCodes: codes[0] };
  return codes.length === 1
    ? { request: driven, thinking }
    : { request: driven, itemAudioCodes: codes, thinking };
}
