/** Every method of the contract: `domain.verb` with zod params and result. */
import { z } from 'zod';

import { DragOutTarget, ExportOptions } from '../export/export-options.ts';
import { GenerationRequest } from '../generation/request.ts';
import { EditBatch } from '../model/edits.ts';
import { ArtifactId, ClipId, FileToken, JobId, MediaHash, ProjectId } from '../model/ids.ts';
import { AudioMedia } from '../model/media.ts';
import {
  MusicalKey,
  ProjectName,
  ProjectSnapshot,
  ProjectSummary,
  TimeSignature,
} from '../model/project.ts';
import { FormatParams, InspireParams, LmSampling } from '../model/song-draft.ts';
import { ProjectView, ViewPatch } from '../model/view.ts';
import { WorkflowStart } from '../workflows/workflow-params.ts';
import { ClipLineageView } from '../workflows/workflow-result.ts';
import { InferenceStatus } from './inference-status.ts';
import { JobStarted, JobState } from './jobs.ts';
import {
  ModelComponentId,
  ModelPrecision,
  ModelsHardwareReport,
  ModelSourceView,
  ModelsOverview,
} from './models.ts';
import type { MethodName } from './names.ts';

interface MethodDef {
  params: z.ZodType;
  result: z.ZodType;
}

const projectRef = z.object({ projectId: ProjectId });
const revisionResult = z.object({ revision: z.number().int().min(0) });

export const HelloResult = z.object({
  contractVersion: z.number().int(),
  appVersion: z.string(),
  host: z.enum(['electron', 'server']),
});
export type HelloResult = z.infer<typeof HelloResult>;

export const methods = {
  /** Connect-time handshake; fails with CONTRACT_MISMATCH when versions differ. */
  'system.hello': { params: z.object({ contractVersion: z.number().int() }), result: HelloResult },

  /** Projects in the library, most recently changed first; `query` filters by name. */
  'project.list': {
    params: z.object({ query: z.string().max(200).optional() }),
    result: z.array(ProjectSummary),
  },
  'project.create': {
    params: z.object({
      name: ProjectName,
      tempo: z.number().min(20).max(400).optional(),
      timeSignature: TimeSignature.optional(),
      key: MusicalKey.nullable().optional(),
    }),
    result: ProjectSummary,
  },
  /** The whole project state with its revision and undo/redo availability. */
  'project.get': { params: projectRef, result: ProjectSnapshot },
  'project.rename': { params: projectRef.extend({ name: ProjectName }), result: ProjectSummary },
  'project.duplicate': {
    params: projectRef.extend({ name: ProjectName.optional() }),
    result: ProjectSummary,
  },
  /** Moves the project to the OS trash (desktop) or the data folder's trash (server). */
  'project.delete': {
    params: projectRef,
    result: z.object({ trash: z.enum(['system', 'folder']) }),
  },
  /** Applies a batch atomically; CONFLICT when `baseRevision` is not the current revision. */
  'project.applyEdits': {
    params: projectRef.extend({
      baseRevision: z.number().int().min(0),
      edits: EditBatch,
      label: z.string().trim().min(1).max(80).optional(),
    }),
    result: revisionResult,
  },
  'project.undo': { params: projectRef, result: revisionResult },
  'project.redo': { params: projectRef, result: revisionResult },
  /** Job: writes the project (state, history and media) into one archive file. */
  'project.exportArchive': { params: projectRef, result: JobStarted },
  /** Job: reads an archive chosen by the user into a new project. */
  'project.importArchive': { params: z.object({ file: FileToken }), result: JobStarted },

  'job.list': { params: z.object({}), result: z.array(JobState) },
  'job.get': { params: z.object({ jobId: JobId }), result: JobState },
  /** Cancelling a finished job is a no-op. */
  'job.cancel': { params: z.object({ jobId: JobId }), result: z.null() },

  /** Desktop only: a native open dialog (a folder for `modelFolder`); the answer is tokens, never paths. */
  'file.pick': {
    params: z.object({
      purpose: z.enum(['projectArchive', 'audio', 'modelFolder']),
      multiple: z.boolean().optional(),
    }),
    result: z.array(z.object({ file: FileToken, name: z.string(), bytes: z.number().int() })),
  },
  /** Shows an exported file in the file manager (desktop) or gives its download URL (server). */
  'artifact.open': {
    params: z.object({ artifactId: ArtifactId }),
    result: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('revealed') }),
      z.object({ kind: z.literal('download'), url: z.string() }),
    ]),
  },

  // Model manager (models engineer).
  /** Installed and available components, what each task needs, the download source. */
  'models.overview': { params: z.object({}), result: ModelsOverview },
  /** The hardware, the execution providers (usable or not, and why) and the suggested set. */
  'models.recommend': { params: z.object({}), result: ModelsHardwareReport },
  /** Job: downloads and verifies a component; resumes a paused download of it. */
  'models.install': {
    params: z.object({ componentId: ModelComponentId, precision: ModelPrecision }),
    result: JobStarted,
  },
  /** Stops a running install and keeps what it has downloaded; install again to resume. */
  'models.pause': { params: z.object({ componentId: ModelComponentId }), result: z.null() },
  /** Deletes an installed component or a paused download (cancelling a running one). */
  'models.remove': { params: z.object({ componentId: ModelComponentId }), result: z.null() },
  /** Job: re-hashes every file of an installed component. */
  'models.verify': { params: z.object({ componentId: ModelComponentId }), result: JobStarted },
  /** Job: imports converted components from a folder the user chose (file.pick modelFolder). */
  'models.import': { params: z.object({ folder: FileToken }), result: JobStarted },
  /** Sets the download source; `token` undefined keeps, null forgets. The token never comes back. */
  'models.setSource': {
    params: z.object({
      baseUrl: z.string().max(500).nullable().optional(),
      token: z.string().max(500).nullable().optional(),
    }),
    result: ModelSourceView,
  },
  // timeline: view state is stored with the project but is not an edit (see model/view.ts).
  /** The project's time selection and track heights. */
  'project.getView': { params: projectRef, result: ProjectView },
  /** Changes the view state; no revision, no undo step; emits project.viewChanged. */
  'project.setView': { params: projectRef.extend({ patch: ViewPatch }), result: ProjectView },
  // media (audio engine)
  /**
   * Job: decodes a chosen or dropped audio file (WAV, RF64, AIFF, FLAC, MP3, Ogg Vorbis, Opus)
   * into the project as 48 kHz stereo float32, keeping the original. Finishes with an
   * AudioImportResult; UNSUPPORTED_FORMAT names a format it cannot decode.
   */
  'media.import': { params: projectRef.extend({ file: FileToken }), result: JobStarted },
  /** The project's studio-format audio items, oldest first. */
  'media.list': { params: projectRef, result: z.array(AudioMedia) },
  // DAW export
  /**
   * Job: writes stems, mix, tempo map, lyrics and project files into one folder or zip.
   * A project with nothing to export fails at once with VALIDATION_FAILED (no job starts).
   */
  'export.start': { params: projectRef.extend({ options: ExportOptions }), result: JobStarted },
  /**
   * Desktop only: renders a track (over the whole song, from 0) or a clip to a 24-bit WAV and,
   * with phase "start", starts a native drag of it. Call "prepare" when the pointer goes down
   * so the file is ready by the time the drag begins. UNAVAILABLE in server mode.
   */
  'export.dragOut': {
    params: projectRef.extend({ target: DragOutTarget, phase: z.enum(['prepare', 'start']) }),
    result: z.object({ fileName: z.string() }),
  },
  // LM planner (simple mode, query rewriting, audio understanding)
  /**
   * Job: simple mode. The 5 Hz LM turns one sentence into a full song request (caption, lyrics,
   * bpm, key, time signature, duration, language) for the user to edit before generating.
   * Finishes with a SongDraft. UNAVAILABLE / MODEL_MISSING when no LM is installed.
   */
  'lm.inspire': { params: InspireParams, result: JobStarted },
  /** Job: query rewriting. Expands and formats a caption and lyrics; given metadata is kept. */
  'lm.format': { params: FormatParams, result: JobStarted },
  /**
   * Job: audio understanding. Reads a project's audio (VAE encode, audio tokenizer) and drafts
   * its BPM, key, time signature, duration, caption and lyrics.
   */
  'lm.understand': {
    params: projectRef.extend({ audioHash: MediaHash }).extend(LmSampling.shape),
    result: JobStarted,
  },

  // inference
  /** Job: generates audio (text2music, cover, repaint, lego, extract, complete); the job's
   * result is a GenerationResult (media hashes + provenance). */
  'generation.start': { params: GenerationRequest, result: JobStarted },

  // inference runtime: the execution provider actually in use (model manager screen)
  /** The provider each session of the inference process loaded on, and why others failed. */
  'inference.status': { params: z.object({}), result: InferenceStatus },

  // workflows (timeline): plan from the project, run, place the results as one undo step
  /**
   * Job (`workflow.run`): one workflow on the timeline. Finishes with a WorkflowResult (the
   * tracks and clips it placed); nothing is placed when it fails or is cancelled.
   */
  'workflow.start': { params: WorkflowStart, result: JobStarted },
  /** Starts a finished workflow run again with the same parameters (after a failure too). */
  'workflow.retry': { params: z.object({ jobId: JobId }), result: JobStarted },
  /** Runs what made a clip again; songs, layers, covers and accompaniment add takes to it. */
  'workflow.regenerate': {
    params: projectRef.extend({ clipId: ClipId, newSeeds: z.boolean().default(true) }),
    result: JobStarted,
  },
  /** What made a clip: provenance and lineage of its audio and of what that came from. */
  'workflow.lineage': {
    params: projectRef.extend({ clipId: ClipId }),
    result: ClipLineageView,
  },
} as const satisfies Record<MethodName, MethodDef>;

export type Methods = typeof methods;
/** What a caller sends. */
export type Params<K extends MethodName> = z.input<Methods[K]['params']>;
/** What a handler receives, after validation. */
export type ParsedParams<K extends MethodName> = z.output<Methods[K]['params']>;
export type Result<K extends MethodName> = z.output<Methods[K]['result']>;
