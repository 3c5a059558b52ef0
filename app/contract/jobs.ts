/** Jobs: long work that answers `{jobId}` at once, then reports progress and an outcome. */
import { z } from 'zod';

import { ExportResult } from '../export/export-options.ts';
import { GenerationResult } from '../generation/result.ts';
import { JobPhase } from '../jobs/progress.ts';
import { JobId, ProjectId } from '../model/ids.ts';
import { AudioImportResult } from '../model/media.ts';
import { ProjectSummary } from '../model/project.ts';
import { SongDraft } from '../model/song-draft.ts';
import { WorkflowResult } from '../workflows/workflow-result.ts';
import { ArtifactInfo } from './artifact-info.ts';
import { ImportResult, InstallResult, VerifyResult } from './models.ts';
import { WireError } from './wire.ts';

export const JOB_KINDS = [
  'project.exportArchive',
  'project.importArchive',
  // media (audio engine)
  'media.import',
  // DAW export
  'export.start',
  // Model manager (models engineer).
  'models.install',
  'models.import',
  'models.verify',
  // LM planner
  'lm.inspire',
  'lm.format',
  'lm.understand',
  // inference
  'generation.start',
  // workflows (timeline)
  'workflow.run',
] as const;
export const JobKind = z.enum(JOB_KINDS);
export type JobKind = z.infer<typeof JobKind>;

export const JobStatus = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatus>;

export const FinalJobStatus = z.enum(['succeeded', 'failed', 'cancelled']);
export type FinalJobStatus = z.infer<typeof FinalJobStatus>;

export const JobProgress = z.object({
  phase: JobPhase,
  /** Fraction of the current phase done, 0..1. */
  fraction: z.number().min(0).max(1),
  /** Fraction of the whole job done, 0..1; never decreases. */
  overall: z.number().min(0).max(1),
  step: z.number().int().min(0).optional(),
  totalSteps: z.number().int().min(0).optional(),
  etaMs: z.number().min(0).optional(),
  /** Transfers (downloads, copies): bytes done and in all, and the current speed. */
  bytesDone: z.number().int().min(0).optional(),
  bytesTotal: z.number().int().min(0).optional(),
  bytesPerSecond: z.number().min(0).optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const JobStarted = z.object({ jobId: JobId });

export { ArtifactInfo } from './artifact-info.ts';

/** The result each job kind finishes with. */
export const JobResults = {
  'project.exportArchive': ArtifactInfo,
  'project.importArchive': ProjectSummary,
  // media (audio engine)
  'media.import': AudioImportResult,
  // DAW export
  'export.start': ExportResult,
  // Model manager (models engineer).
  'models.install': InstallResult,
  'models.import': ImportResult,
  'models.verify': VerifyResult,
  // LM planner
  'lm.inspire': SongDraft,
  'lm.format': SongDraft,
  'lm.understand': SongDraft,
  // inference
  'generation.start': GenerationResult,
  // workflows (timeline)
  'workflow.run': WorkflowResult,
} as const satisfies Record<JobKind, z.ZodType>;

export const JobState = z.object({
  jobId: JobId,
  kind: JobKind,
  /** A short user-facing description, e.g. "Export “Demo”". */
  label: z.string(),
  projectId: ProjectId.nullable(),
  status: JobStatus,
  progress: JobProgress,
  createdAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  result: z.unknown().nullable(),
  error: WireError.nullable(),
});
export type JobState = z.infer<typeof JobState>;

export const JobProgressed = JobProgress.extend({ jobId: JobId });
export type JobProgressed = z.infer<typeof JobProgressed>;

export const JobFinished = z.object({
  jobId: JobId,
  kind: JobKind,
  status: FinalJobStatus,
  result: z.unknown().nullable(),
  error: WireError.nullable(),
});
export type JobFinished = z.infer<typeof JobFinished>;
