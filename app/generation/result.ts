/**
 * What a finished generation job returns: one stored media file per batch item, and the
 * provenance that makes it reproducible (the full request, the resolved seeds and defaults, the
 * exact models used with their file hashes).
 */
import { z } from 'zod';

import { MediaHash } from '../model/ids.ts';
import { GenerationRequest } from './request.ts';

export const ModelProvenance = z.object({
  id: z.string(),
  kind: z.string(),
  version: z.string(),
  precision: z.string(),
  /** sha256 of each file of the component (graphs, external data, arrays). */
  files: z.array(z.object({ path: z.string(), sha256: z.string() })),
});
export type ModelProvenance = z.infer<typeof ModelProvenance>;

export const GenerationProvenance = z.object({
  /** The request as validated (defaults filled in). */
  request: GenerationRequest,
  /** The engine's resolved settings: task, sampler, seeds, region, noise. */
  resolved: z.record(z.string(), z.unknown()),
  /** Values the request left out and where each default came from. */
  defaults: z.record(z.string(), z.object({ value: z.unknown(), source: z.string() })),
  models: z.array(ModelProvenance),
  /** The IO contract version of the graphs. */
  contract: z.number().int(),
  createdAt: z.number().int(),
});
export type GenerationProvenance = z.infer<typeof GenerationProvenance>;

export const GeneratedAudio = z.object({
  index: z.number().int().min(0),
  mediaHash: MediaHash,
  seed: z.number().int().min(0),
  sampleRate: z.number().int().positive(),
  samples: z.number().int().min(0),
  durationSeconds: z.number().min(0),
  /** Peak before the anti-clipping normalisation; normalized = divided by it. */
  peak: z.number().min(0),
  normalized: z.boolean(),
});
export type GeneratedAudio = z.infer<typeof GeneratedAudio>;

export const GenerationResult = z.object({
  items: z.array(GeneratedAudio).min(1),
  provenance: GenerationProvenance,
});
export type GenerationResult = z.infer<typeof GenerationResult>;
