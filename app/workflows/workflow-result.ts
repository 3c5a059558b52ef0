/**
 * What a workflow run answers, and the lineage every clip it makes records: which workflow,
 * which job, the full parameters, the parent clip and the context the model heard. The
 * lineage is stored with the generated audio (beside the generation's provenance: request,
 * seeds, models and file hashes), so it travels with the project.
 */
import { z } from 'zod';

import { GenerationProvenance } from '../generation/result.ts';
import { ClipId, JobId, MediaHash, TrackId } from '../model/ids.ts';
import { WorkflowKind, WorkflowParams } from './workflow-params.ts';

/** How much of the source the residual ("other") holds: energy ratio and level. */
export const ResidualMeter = z.object({
  /** Σ residual² / Σ source² (0 = the stems hold everything). */
  energyRatio: z.number().min(0),
  /** 10·log10(energyRatio); −Infinity (null on the wire) when there is no residual energy. */
  energyDb: z.number().nullable(),
});
export type ResidualMeter = z.infer<typeof ResidualMeter>;

export const WorkflowResult = z.object({
  kind: WorkflowKind,
  /** Tracks the run created, top to bottom. */
  trackIds: z.array(TrackId),
  /** Clips the run created or gave a new version, in placement order. */
  clipIds: z.array(ClipId),
  /** Every media item the run stored (takes, stems, the residual, rendered context). */
  mediaHashes: z.array(MediaHash),
  /** The project revision the placement produced (one undo step). */
  revision: z.number().int().min(0),
  residual: ResidualMeter.optional(),
  /** Things the user should know (a class that came out silent, a clamped range...). */
  notes: z.array(z.string()).default([]),
});
export type WorkflowResult = z.infer<typeof WorkflowResult>;

/** The role a stored item plays in its run. */
export const LineageRole = z.enum([
  'take',
  'layer',
  'accompaniment',
  'stem',
  'residual',
  'version',
  'extension',
  'cover',
  'context',
]);
export type LineageRole = z.infer<typeof LineageRole>;

/** Stored as `lineage` beside a generated item's provenance (and alone for rendered audio). */
export const ClipLineage = z.object({
  workflow: WorkflowKind,
  jobId: JobId,
  role: LineageRole,
  params: WorkflowParams,
  /** The clip the run started from (repaint, extend, cover, extract of a clip). */
  parent: z.object({ clipId: ClipId, mediaHash: MediaHash }).nullable(),
  /** The audio the model was given as its source, and where it sat on the timeline. */
  context: z
    .object({
      mediaHash: MediaHash,
      trackIds: z.array(TrackId),
      /** Timeline samples [start, end) at 48 kHz. */
      startSample: z.number().int(),
      endSample: z.number().int(),
    })
    .nullable(),
  /** Free detail of the role: the class of a stem, the region of a version, the meter. */
  detail: z.record(z.string(), z.unknown()).default({}),
});
export type ClipLineage = z.infer<typeof ClipLineage>;

/** What made a clip: its media's provenance (if generated) and lineage, then its parents'. */
export const LineageStep = z.object({
  mediaHash: MediaHash,
  origin: z.enum(['import', 'generated', 'render']),
  name: z.string(),
  provenance: GenerationProvenance.nullable(),
  lineage: ClipLineage.nullable(),
});
export type LineageStep = z.infer<typeof LineageStep>;

export const ClipLineageView = z.object({
  clipId: ClipId,
  /** The clip's media first, then each parent's, oldest last (at most 16 steps). */
  steps: z.array(LineageStep),
});
export type ClipLineageView = z.infer<typeof ClipLineageView>;
