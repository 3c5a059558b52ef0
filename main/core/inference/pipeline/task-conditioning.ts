/**
 * The conditioning of each task (spec §3.4, §4 with the later, fixed behaviour of §12): which
 * latents the context carries, the chunk mask, the instruction, and the second conditioning the
 * cover-strength switch moves to.
 *
 * - text2music: silence, mask 1. With audio codes: their detokenized latents and the cover
 *   instruction (the reference switches the task to cover when codes are present).
 * - cover: the FSQ round trip of the source latents (or the codes), mask 1.
 * - repaint: the source latents with the region silenced, mask 1 inside the region.
 * - lego: the whole backing track kept in the context (the f30aee4 code silenced it; later
 *   revisions keep it), mask 1 inside the region, or everywhere without one.
 * - extract, complete: the source latents, mask 1.
 */
import { StudioError, throwIfCancelled } from '../../../../app/errors.ts';
import { readPcmWindow } from '../audio-io/pcm-file.ts';
import { detokenizeCodes, tokenizeLatents } from '../stages/fsq.ts';
import { encodeConditioning, type EncoderStates } from '../stages/text-conditioning.ts';
import { encodeAudio } from '../stages/vae-codec.ts';
import {
  buildCaptionPrompt,
  buildLyricPrompt,
  type DitTask,
  taskInstruction,
} from '../text/prompt-templates.ts';
import { chunkMask, contextLatents, silenceLatents, silenceRegion } from './context-latents.ts';
import type { GenerationPlan } from './generation-plan.ts';
import type { LatentPlan } from './latent-plan.ts';
import type { PipelineModels } from './pipeline-models.ts';
import type { PromptEncoder } from './prompt-encoder.ts';
import { timbreAudio } from './timbre-reference.ts';

export interface Conditioning {
  states: EncoderStates;
  context: Float32Array;
}

export interface TaskConditioning {
  main: Conditioning;
  /** The text2music conditioning the cover-strength switch moves to, and from which step. */
  switchTo: { conditioning: Conditioning; atStep: number } | null;
  /** The unsilenced source latents [frames, C] (repaint protection), or null. */
  clean: Float32Array | null;
  mask: Float32Array;
  /** Caption token ids used, for provenance and tests. */
  captionIds: number[];
}

export interface ConditioningDeps {
  models: PipelineModels;
  /** Prompt text to token ids (the text-encoder component's tokenizer). */
  prompts: PromptEncoder;
  signal?: AbortSignal;
  /** One unit of encode work done (a VAE tile, a text pass). */
  onUnit: () => void;
}

/** How many encode units `prepareConditioning` reports (for progress). */
export function encodeUnits(plan: GenerationPlan, latent: LatentPlan): number {
  const tiles = (frames: number) =>
    Math.ceil(frames / Math.max(1, plan.vae.encodeChunkFrames - 2 * plan.vae.encodeOverlapFrames));
  const source = plan.source === undefined ? 0 : tiles(latent.frames);
  return source + (plan.reference === undefined ? 0 : 1) + 2;
}

async function sourceLatents(
  plan: GenerationPlan,
  latent: LatentPlan,
  deps: ConditioningDeps,
): Promise<Float32Array | null> {
  const source = plan.source;
  if (source === undefined) {
    return null;
  }
  const { models } = deps;
  return encodeAudio(
    models.graphs.vae_encoder,
    (start, count) => readPcmWindow(source, start - latent.sourceOffsetSamples, count),
    latent.frames,
    { channels: models.channels, hop: models.hop },
    { chunkFrames: plan.vae.encodeChunkFrames, overlapFrames: plan.vae.encodeOverlapFrames },
    () => {
      deps.onUnit();
    },
    deps.signal,
  );
}

async function timbreLatents(plan: GenerationPlan, deps: ConditioningDeps): Promise<Float32Array> {
  const { models } = deps;
  const frames = models.timbreFrames;
  const silence = silenceLatents(models.silence, frames, models.channels);
  if (plan.reference === undefined) {
    return silence;
  }
  const audio = await timbreAudio(plan.reference, frames * models.hop);
  deps.onUnit();
  if (audio === null) {
    return silence;
  }
  return encodeAudio(
    models.graphs.vae_encoder,
    (start, count) =>
      Promise.resolve({
        left: audio.left.subarray(start, start + count),
        right: audio.right.subarray(start, start + count),
      }),
    frames,
    { channels: models.channels, hop: models.hop },
    { chunkFrames: plan.vae.encodeChunkFrames, overlapFrames: plan.vae.encodeOverlapFrames },
    undefined,
    deps.signal,
  );
}

async function codeLatents(
  plan: GenerationPlan,
  latent: LatentPlan,
  src: Float32Array | null,
  deps: ConditioningDeps,
): Promise<Float32Array> {
  const { models } = deps;
  const shape = { frames: latent.frames, channels: models.channels };
  let codes: BigInt64Array;
  if (plan.audioCodes !== undefined) {
    codes = BigInt64Array.from(plan.audioCodes, (code) => BigInt(code));
  } else if (src !== null) {
    codes = await tokenizeLatents(
      models.graphs.audio_tokenizer,
      src,
      shape,
      models.silence,
      models.poolWindow,
      deps.signal,
    );
  } else {
    throw new StudioError('VALIDATION_FAILED', 'cover needs a source recording or audio codes.');
  }
  return detokenizeCodes(
    models.graphs.audio_detokenizer,
    codes,
    shape,
    models.poolWindow,
    deps.signal,
  );
}

async function textStates(
  plan: GenerationPlan,
  task: DitTask,
  latent: LatentPlan,
  timbre: Float32Array,
  deps: ConditioningDeps,
): Promise<{ states: EncoderStates; captionIds: number[] }> {
  const { models, prompts } = deps;
  const captionIds = prompts.caption(
    buildCaptionPrompt({
      instruction: taskInstruction(task, plan.prompt.trackClasses),
      caption: plan.prompt.caption,
      metas: { ...plan.prompt.metas, durationSeconds: latent.durationSeconds },
    }),
  );
  const lyricIds = prompts.lyric(
    buildLyricPrompt({ language: plan.prompt.language, lyrics: plan.prompt.lyrics }),
  );
  const states = await encodeConditioning(
    {
      textEncoder: models.graphs.text_encoder,
      tokenEmbed: models.graphs.token_embed,
      conditionEncoder: models.graphs.condition_encoder,
    },
    {
      captionIds,
      lyricIds,
      refLatents: timbre,
      refFrames: models.timbreFrames,
      latentChannels: models.channels,
    },
    deps.signal,
  );
  deps.onUnit();
  return { states, captionIds };
}

export async function prepareConditioning(
  plan: GenerationPlan,
  latent: LatentPlan,
  deps: ConditioningDeps,
): Promise<TaskConditioning> {
  const { models } = deps;
  const { frames } = latent;
  const C = models.channels;
  const src = await sourceLatents(plan, latent, deps);
  throwIfCancelled(deps.signal);
  const timbre = await timbreLatents(plan, deps);
  const silence = silenceLatents(models.silence, frames, C);
  const isCover = plan.task === 'cover' || plan.audioCodes !== undefined;
  const mask = chunkMask(
    frames,
    plan.task === 'repaint' || plan.task === 'lego' ? latent.region : null,
  );
  let contextSource: Float32Array;
  if (isCover) {
    contextSource = await codeLatents(plan, latent, src, deps);
  } else if (plan.task === 'repaint' && src !== null && latent.region !== null) {
    contextSource = silenceRegion(src, models.silence, latent.region, C);
  } else {
    contextSource = src ?? silence;
  }
  const mainTask: DitTask = isCover ? 'cover' : plan.task;
  const main = await textStates(plan, mainTask, latent, timbre, deps);
  let switchTo: TaskConditioning['switchTo'] = null;
  const steps =
    plan.sampler.schedule === 'turbo' ? (plan.sampler.timesteps?.length ?? 8) : plan.sampler.steps;
  const atStep = Math.floor(steps * plan.coverStrength);
  if (isCover && atStep < steps) {
    const alt = await textStates(plan, 'text2music', latent, timbre, deps);
    switchTo = {
      conditioning: { states: alt.states, context: contextLatents(silence, mask, frames, C) },
      atStep,
    };
  } else {
    deps.onUnit();
  }
  return {
    main: { states: main.states, context: contextLatents(contextSource, mask, frames, C) },
    switchTo,
    clean: plan.task === 'repaint' ? src : null,
    mask,
    captionIds: main.captionIds,
  };
}
