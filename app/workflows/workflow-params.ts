/**
 * The generation workflows on the timeline, as clients ask for them (`workflow.start`): every
 * ACE-Step editing task expressed in project terms (clips, tracks, time ranges in ticks), not
 * in model terms. The studio plans the model requests from these and the project state
 * (main/core/workflows), so one set of parameters fully describes a run and can be replayed.
 */
import { z } from 'zod';

import { MAX_BATCH, MediaRef, Seed, SongMetadata } from '../generation/request.ts';
import { ClipId, ProjectId, TrackId } from '../model/ids.ts';
import { AceTrackClass } from '../model/instrument.ts';
import { LmSampling, VocalLanguage } from '../model/song-draft.ts';

const MAX_POSITION = 2 ** 35;
const tick = z.number().int().min(0).max(MAX_POSITION).brand<'Ticks'>();

/** A time range on the timeline in ticks, end exclusive. */
export const TickRange = z
  .object({ start: tick, end: tick })
  .refine((range) => range.end > range.start, 'A range ends after it starts.');
export type TickRange = z.infer<typeof TickRange>;

/** The caption and lyrics limits the model's prompts allow (shown as the user types). */
export const CAPTION_MAX_CHARS = 2000;
export const LYRICS_MAX_CHARS = 8000;

const caption = z.string().max(CAPTION_MAX_CHARS);
const lyrics = z.string().max(LYRICS_MAX_CHARS);

/** Model and sampler choices shared by every workflow; absent values use the model's preset. */
export const GenerationSettings = z.object({
  /** The DiT component; default: the installed one best suited to the task. */
  modelId: z.string().min(1).max(64).optional(),
  /** Takes to generate (each lands as a take of one clip). */
  batchSize: z.number().int().min(1).max(MAX_BATCH).default(1),
  seeds: z.array(Seed).min(1).max(MAX_BATCH).optional(),
  steps: z.number().int().min(1).max(200).optional(),
  shift: z.number().min(1).max(5).optional(),
  guidanceScale: z.number().min(1).max(20).optional(),
  /** A timbre/style reference recording. */
  reference: MediaRef.optional(),
  /** The 5 Hz LM: codes for new songs, metadata only for layers (never for cover/repaint). */
  thinking: z.boolean().default(false),
  useCotMetas: z.boolean().default(false),
  useCotCaption: z.boolean().default(false),
  useCotLanguage: z.boolean().default(false),
  lmSampling: LmSampling.optional(),
});
export type GenerationSettings = z.infer<typeof GenerationSettings>;
export type GenerationSettingsInput = z.input<typeof GenerationSettings>;

/** Where a new clip goes: an existing track, or a new one (named, of a class) below the others. */
export const TrackTarget = z.union([
  z.object({ trackId: TrackId }),
  z.object({
    newTrack: z.object({
      name: z.string().trim().min(1).max(80).optional(),
      trackClass: AceTrackClass.optional(),
    }),
  }),
]);
export type TrackTarget = z.infer<typeof TrackTarget>;

const song = {
  caption: caption.default(''),
  lyrics: lyrics.default(''),
  instrumental: z.boolean().default(false),
  language: VocalLanguage.optional(),
  metadata: SongMetadata.default({}),
};

/** A new song (text2music) placed at `at` on the target track; a batch gives takes. */
export const GenerateWorkflow = z.object({
  kind: z.literal('generate'),
  ...song,
  /** Seconds; default: the LM's plan when thinking, else 30 s. */
  durationSeconds: z.number().min(1).max(600).optional(),
  at: tick.default(0 as never),
  target: TrackTarget.default({ newTrack: {} }),
  settings: GenerationSettings.default(GenerationSettings.parse({})),
});

/**
 * A new layer (lego) of one class for `range`, hearing `contextTrackIds` (their offline mix
 * over the window, padded when the range nearly fills it). Needs the base DiT.
 */
export const AddLayerWorkflow = z.object({
  kind: z.literal('addLayer'),
  range: TickRange,
  trackClass: AceTrackClass,
  contextTrackIds: z.array(TrackId).max(256),
  /** The context window; default: the range itself (then padded about 1 s each side). */
  window: TickRange.optional(),
  ...song,
  target: TrackTarget.optional(),
  settings: GenerationSettings.default(GenerationSettings.parse({})),
});

/** What a workflow takes its source audio from: one clip, or the mix of tracks over a range. */
export const SourceSelection = z.union([
  z.object({ clipId: ClipId }),
  z.object({ trackId: TrackId }),
  z.object({
    range: TickRange,
    /** Empty: every track, as heard (mute and solo respected). */
    trackIds: z.array(TrackId).max(256).default([]),
  }),
]);
export type SourceSelection = z.infer<typeof SourceSelection>;

/** Accompaniment (complete) under a vocal clip or track; optionally split into per-class tracks. */
export const VocalToBgmWorkflow = z.object({
  kind: z.literal('vocalToBgm'),
  source: z.union([z.object({ clipId: ClipId }), z.object({ trackId: TrackId })]),
  trackClasses: z.array(AceTrackClass).min(1).max(11),
  /** The style, e.g. "warm acoustic ballad". */
  caption: caption.default(''),
  metadata: SongMetadata.default({}),
  /** With more than one class: extract each class from the accompaniment onto its own track. */
  split: z.boolean().default(false),
  settings: GenerationSettings.default(GenerationSettings.parse({})),
});

/** One region to repaint, with an optional caption or lyrics for that part. */
export const RepaintRegion = TickRange.and(
  z.object({ caption: caption.optional(), lyrics: lyrics.optional() }),
);
export type RepaintRegion = z.infer<typeof RepaintRegion>;

/** Repaint regions of a clip (or of every clip a range covers); the result is a new version. */
export const RepaintWorkflow = z.object({
  kind: z.literal('repaint'),
  target: z.union([
    z.object({ clipId: ClipId }),
    z.object({ trackIds: z.array(TrackId).min(1).max(256) }),
  ]),
  /** Applied one after another (each repaints the previous result); timeline ticks. */
  regions: z.array(RepaintRegion).min(1).max(8),
  /** The caption for regions without their own; default: the one that made the clip. */
  caption: caption.optional(),
  settings: GenerationSettings.default(GenerationSettings.parse({})),
});

/** Outpaint past a clip's start or end; the new part lands as a clip beside it. */
export const ExtendWorkflow = z.object({
  kind: z.literal('extend'),
  clipId: ClipId,
  side: z.enum(['start', 'end']),
  /** How much to add, in ticks. */
  length: tick.refine((value) => value > 0, 'An extension has a length.'),
  /** How much of the clip the model hears, seconds (default: all of it, up to 60 s). */
  contextSeconds: z.number().min(1).max(300).optional(),
  caption: caption.optional(),
  lyrics: lyrics.optional(),
  settings: GenerationSettings.default(GenerationSettings.parse({})),
});

/** The stems offered by default: ACE-Step classes; "other" is the residual (see residual.ts). */
export const DEFAULT_STEM_CLASSES: readonly AceTrackClass[] = [
  'vocals',
  'drums',
  'bass',
  'guitar',
  'keyboard',
  'strings',
];

/** One extract pass per class; stems land as aligned tracks, plus the residual ("other"). */
export const ExtractWorkflow = z.object({
  kind: z.literal('extract'),
  source: SourceSelection,
  trackClasses: z
    .array(AceTrackClass)
    .min(1)
    .max(12)
    .default([...DEFAULT_STEM_CLASSES]),
  /** Add "Other (residual)": the source minus the sum of the stems, so nothing is lost. */
  residual: z.boolean().default(true),
  /** Mute the source tracks, so the stems replace them in the mix. */
  muteSource: z.boolean().default(true),
  settings: GenerationSettings.default(GenerationSettings.parse({})),
});

/** A cover of a clip (or track), placed on a new track under it. */
export const CoverWorkflow = z.object({
  kind: z.literal('cover'),
  source: z.union([z.object({ clipId: ClipId }), z.object({ trackId: TrackId })]),
  ...song,
  /** Share of the steps that follow the source (1 = all, 0.2 = a loose restyle). */
  strength: z.number().min(0).max(1).default(0.8),
  settings: GenerationSettings.default(GenerationSettings.parse({})),
});

export const WorkflowParams = z.discriminatedUnion('kind', [
  GenerateWorkflow,
  AddLayerWorkflow,
  VocalToBgmWorkflow,
  RepaintWorkflow,
  ExtendWorkflow,
  ExtractWorkflow,
  CoverWorkflow,
]);
export type WorkflowParams = z.infer<typeof WorkflowParams>;
export type WorkflowParamsInput = z.input<typeof WorkflowParams>;

export const WORKFLOW_KINDS = [
  'generate',
  'addLayer',
  'vocalToBgm',
  'repaint',
  'extend',
  'extract',
  'cover',
] as const satisfies readonly WorkflowParams['kind'][];
export const WorkflowKind = z.enum(WORKFLOW_KINDS);
export type WorkflowKind = z.infer<typeof WorkflowKind>;

/** `workflow.start`'s params: a project and what to do in it. */
export const WorkflowStart = z.object({ projectId: ProjectId, workflow: WorkflowParams });
export type WorkflowStart = z.infer<typeof WorkflowStart>;
