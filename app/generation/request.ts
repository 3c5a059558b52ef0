/**
 * A generation request as the UI (or any client) sends it to `generation.start`: the task, the
 * prompt, the song metadata, sources by media hash, sampler settings. Everything optional has
 * a documented default; per-model defaults (steps, shift, guidance) are filled in by the
 * engine's presets when absent. Pure: shared by the renderer and main.
 */
import { z } from 'zod';

import { MediaHash, ProjectId } from '../model/ids.ts';
import { AceTrackClass } from '../model/instrument.ts';
import { LmSampling } from '../model/song-draft.ts';

export const GENERATION_TASKS = [
  'text2music',
  'cover',
  'repaint',
  'lego',
  'extract',
  'complete',
] as const;
export const GenerationTask = z.enum(GENERATION_TASKS);
export type GenerationTask = z.infer<typeof GenerationTask>;

/** Tasks that transform a source recording (it must be given). */
export const SOURCE_TASKS: readonly GenerationTask[] = [
  'cover',
  'repaint',
  'lego',
  'extract',
  'complete',
];

export const MAX_DURATION_SECONDS = 600;
export const MAX_BATCH = 8;
/** FSQ codebook size: LM audio codes are 0..63,999 (5 per second). */
export const AUDIO_CODE_COUNT = 64_000;

export const Seed = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Audio stored in a project's media store (the request's project unless `projectId` says). */
export const MediaRef = z.object({ mediaHash: MediaHash, projectId: ProjectId.optional() });
export type MediaRef = z.infer<typeof MediaRef>;

export const SongMetadata = z.object({
  bpm: z.number().min(30).max(300).optional(),
  /** Beats per bar: 2, 3, 4 or 6 (the model's vocabulary). */
  timeSignature: z.union([z.literal(2), z.literal(3), z.literal(4), z.literal(6)]).optional(),
  /** e.g. "C major", "F# minor". */
  keyScale: z.string().trim().min(1).max(40).optional(),
});
export type SongMetadata = z.infer<typeof SongMetadata>;

export const GenerationAdvanced = z.object({
  /** Noise as CUDA bf16 models see it (default) or unrounded fp32. */
  noiseRounding: z.enum(['bfloat16', 'none']).default('bfloat16'),
  /** The GPU whose torch.randn to reproduce for tensors larger than its resident threads. */
  cudaLaunchLimits: z
    .object({
      multiProcessorCount: z.number().int().min(1).max(1024),
      maxThreadsPerMultiProcessor: z.number().int().min(256).max(4096),
    })
    .optional(),
  /** VAE decode tile size and context, in latent frames (25 per second). */
  vaeChunkFrames: z.number().int().min(32).max(4096).default(512),
  vaeOverlapFrames: z.number().int().min(0).max(512).default(64),
  /** Repaint: share of steps that re-inject the source outside the region. */
  repaintInjectionRatio: z.number().min(0).max(1).default(0.5),
  /** Repaint: latent cross-fade at the region's inner borders, in frames. */
  repaintCrossfadeFrames: z.number().int().min(0).max(100).default(10),
  /** Repaint: copy the source's own samples outside the region into the result. */
  preserveSourceOutsideRegion: z.boolean().default(true),
});
export type GenerationAdvanced = z.infer<typeof GenerationAdvanced>;

const GenerationRequestShape = z.object({
  /** Where the results are stored. */
  projectId: ProjectId,
  task: GenerationTask.default('text2music'),
  /** The DiT component (e.g. "dit-turbo"); default: the installed one best suited to the task. */
  modelId: z.string().min(1).max(64).optional(),
  caption: z.string().max(2000).default(''),
  lyrics: z.string().max(8000).default(''),
  /** No vocals: the lyrics become "[Instrumental]", the DiT's trained no-vocal condition. */
  instrumental: z.boolean().default(false),
  /** Vocal language code ("en", "ja", ...; "unknown" when unset). */
  language: z
    .string()
    .regex(/^[a-z]{2,3}$|^unknown$/)
    .optional(),
  metadata: SongMetadata.default({}),
  /** Output length for text2music (1-600 s; the model was trained on 10-600 s). */
  durationSeconds: z.number().min(1).max(MAX_DURATION_SECONDS).optional(),
  batchSize: z.number().int().min(1).max(MAX_BATCH).default(1),
  /** Per-item seeds; missing items continue from the last one (+1, +2, ...); none: random. */
  seeds: z.array(Seed).min(1).max(MAX_BATCH).optional(),
  steps: z.number().int().min(1).max(200).optional(),
  shift: z.number().min(1).max(5).optional(),
  /** Turbo only: custom times (snapped to the 20 the checkpoint knows). */
  timesteps: z.array(z.number().min(0).max(1)).min(1).max(20).optional(),
  guidanceScale: z.number().min(1).max(20).optional(),
  guidanceMethod: z.enum(['apg', 'adg', 'cfg']).default('apg'),
  /** Guidance applies while cfgInterval.start ≤ t ≤ cfgInterval.end. */
  cfgInterval: z
    .object({ start: z.number().min(0).max(1), end: z.number().min(0).max(1) })
    .default({ start: 0, end: 1 }),
  solver: z.enum(['euler', 'sde']).default('euler'),
  /** The recording a source task transforms. */
  source: MediaRef.optional(),
  /** Timbre reference. */
  reference: MediaRef.optional(),
  /** Repaint (required) or lego (optional) region in source seconds; outside = outpaint. */
  region: z
    .object({
      startSeconds: z.number().min(-MAX_DURATION_SECONDS).max(MAX_DURATION_SECONDS),
      /** null: the end of the source. */
      endSeconds: z
        .number()
        .min(-MAX_DURATION_SECONDS)
        .max(2 * MAX_DURATION_SECONDS)
        .nullable(),
    })
    .optional(),
  /** lego and extract: one class; complete: the classes to add. */
  trackClasses: z.array(AceTrackClass).max(12).default([]),
  /** Cover: share of the steps conditioned on the source (1 = all). */
  coverStrength: z.number().min(0).max(1).default(1),
  /** Audio codes from the 5 Hz LM (or the user): text2music and cover become code-driven. */
  audioCodes: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(AUDIO_CODE_COUNT - 1),
    )
    .min(1)
    .max(3000)
    .optional(),
  advanced: GenerationAdvanced.default(GenerationAdvanced.parse({})),
  // LM planner ("thinking", spec §6.6): what the 5 Hz LM does before the DiT runs. The LM is
  // skipped for cover and repaint; for lego, extract and complete it fills metadata only.
  /** text2music: the LM writes the audio codes (phase 2) the DiT then follows. */
  thinking: z.boolean().default(false),
  /** The LM fills bpm, key, time signature and duration the request leaves out (phase 1). */
  useCotMetas: z.boolean().default(false),
  /** The LM's caption replaces the request's. */
  useCotCaption: z.boolean().default(false),
  /** The LM's vocal language is used when the request gives none. */
  useCotLanguage: z.boolean().default(false),
  /** LM sampling (defaults: the reference's); its seed defaults to the first item's seed. */
  lmSampling: LmSampling.extend({ cfgScale: z.number().min(1).max(10).optional() }).optional(),
});

function checkTaskInputs(
  request: z.infer<typeof GenerationRequestShape>,
  context: z.RefinementCtx,
): void {
  const issue = (message: string, path: string) => {
    context.addIssue({ code: 'custom', message, path: [path] });
  };
  const { task } = request;
  if (
    SOURCE_TASKS.includes(task) &&
    request.source === undefined &&
    !(task === 'cover' && request.audioCodes !== undefined)
  ) {
    issue(`${task} needs a source recording`, 'source');
  }
  if (task === 'repaint' && request.region === undefined) {
    issue('repaint needs a region', 'region');
  }
  if (request.region !== undefined && task !== 'repaint' && task !== 'lego') {
    issue('a region applies to repaint and lego only', 'region');
  }
  const end = request.region?.endSeconds;
  if (
    request.region !== undefined &&
    end !== null &&
    end !== undefined &&
    end <= request.region.startSeconds
  ) {
    issue('the region must end after it starts', 'region');
  }
  if (task === 'lego' && request.region !== undefined && request.region.startSeconds < 0) {
    issue('lego regions lie inside the source', 'region');
  }
  if ((task === 'lego' || task === 'extract') && request.trackClasses.length !== 1) {
    issue(`${task} needs exactly one track class`, 'trackClasses');
  }
  if (task === 'complete' && request.trackClasses.length === 0) {
    issue('complete needs at least one track class to add', 'trackClasses');
  }
  if (request.audioCodes !== undefined && task !== 'text2music' && task !== 'cover') {
    issue('audio codes drive text2music and cover only', 'audioCodes');
  }
  if (request.seeds !== undefined && request.seeds.length > request.batchSize) {
    issue('more seeds than batch items', 'seeds');
  }
  if (request.cfgInterval.start > request.cfgInterval.end) {
    issue('cfgInterval.start must not exceed cfgInterval.end', 'cfgInterval');
  }
}

export const GenerationRequest = GenerationRequestShape.superRefine(checkTaskInputs);
/** What a client sends (defaults may be omitted). */
export type GenerationRequestInput = z.input<typeof GenerationRequest>;
/** The request after validation, defaults filled in. */
export type GenerationRequest = z.output<typeof GenerationRequest>;
