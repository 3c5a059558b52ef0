/**
 * The normalised, self-contained description of one generation that the pipeline runs (and
 * that crosses to the inference process as plain data): every default resolved, every seed
 * fixed, sources as PCM files. `request/normalize-request.ts` builds it from a request.
 */
import { z } from 'zod';

import { GenerationTask } from '../../../../app/generation/request.ts';

const Pcm = z.object({
  path: z.string().min(1),
  samples: z.number().int().min(0),
  byteOffset: z.number().int().min(0).optional(),
});

/** The plan's schema. Seeds: one per batch item. Sources are PCM files (audio-io/pcm-file.ts). */
export const GenerationPlanSchema = z.object({
  task: GenerationTask,
  components: z.object({
    textEncoder: z.string().min(1),
    dit: z.string().min(1),
    vae: z.string().min(1),
  }),
  prompt: z.object({
    caption: z.string(),
    lyrics: z.string(),
    language: z.string(),
    metas: z.object({
      bpm: z.number().optional(),
      timeSignature: z.number().optional(),
      keyScale: z.string().optional(),
    }),
    trackClasses: z.array(z.string()),
  }),
  durationSeconds: z.number().positive().optional(),
  audioCodes: z.array(z.number().int().min(0)).optional(),
  /**
   * One code list per batch item (the LM's phase 2 writes each item's own). The items then run
   * one by one, item i with seed i and codes i; `audioCodes` is ignored.
   */
  itemAudioCodes: z
    .array(z.array(z.number().int().min(0)).min(1))
    .min(1)
    .max(8)
    .optional(),
  seeds: z.array(z.number().int().min(0)).min(1).max(8),
  sampler: z.object({
    schedule: z.enum(['turbo', 'base']),
    steps: z.number().int().min(1).max(200),
    shift: z.number().min(1),
    timesteps: z.array(z.number()).optional(),
    guidanceScale: z.number().min(1),
    guidanceMethod: z.enum(['apg', 'adg', 'cfg']),
    cfgInterval: z.object({ start: z.number(), end: z.number() }),
    solver: z.enum(['euler', 'sde']),
  }),
  coverStrength: z.number().min(0).max(1),
  region: z.object({ startSeconds: z.number(), endSeconds: z.number().nullable() }).optional(),
  source: Pcm.optional(),
  reference: Pcm.optional(),
  repaint: z.object({
    injectionRatio: z.number().min(0).max(1),
    crossfadeFrames: z.number().int().min(0),
    preserveSource: z.boolean(),
    waveformCrossfadeSeconds: z.number().min(0),
  }),
  vae: z.object({
    chunkFrames: z.number().int().min(1),
    overlapFrames: z.number().int().min(0),
    encodeChunkFrames: z.number().int().min(1),
    encodeOverlapFrames: z.number().int().min(0),
  }),
  noise: z.object({
    rounding: z.enum(['bfloat16', 'none']),
    limits: z
      .object({
        multiProcessorCount: z.number().int(),
        maxThreadsPerMultiProcessor: z.number().int(),
      })
      .optional(),
  }),
  outputDir: z.string().min(1),
});

/** What the pipeline runs; checked where a plan crosses into the inference process. */
export type GenerationPlan = z.infer<typeof GenerationPlanSchema>;
export type SamplerPlan = GenerationPlan['sampler'];

export interface GeneratedItem {
  index: number;
  seed: number;
  path: string;
  samples: number;
  sampleRate: number;
  peak: number;
  normalized: boolean;
}

export interface GenerationOutput {
  items: GeneratedItem[];
  latentFrames: number;
  /** Wall milliseconds per phase, for diagnostics. */
  timings: Record<string, number>;
}

export type PipelinePhase = 'load' | 'encode' | 'diffuse' | 'decode' | 'write';

export interface PipelineProgress {
  phase: PipelinePhase;
  fraction: number;
  step?: number;
  totalSteps?: number;
}
