/** Every method of the contract: `domain.verb` with zod params and result. */
import { z } from 'zod';

import { GenerationRequest } from '../generation/request.ts';
import { EditBatch } from '../model/edits.ts';
import { ArtifactId, FileToken, JobId, ProjectId } from '../model/ids.ts';
import {
  MusicalKey,
  ProjectName,
  ProjectSnapshot,
  ProjectSummary,
  TimeSignature,
} from '../model/project.ts';
import { ProjectView, ViewPatch } from '../model/view.ts';
import { JobStarted, JobState } from './jobs.ts';
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

  // timeline: view state is stored with the project but is not an edit (see model/view.ts).
  /** The project's time selection and track heights. */
  'project.getView': { params: projectRef, result: ProjectView },
  /** Changes the view state; no revision, no undo step; emits project.viewChanged. */
  'project.setView': { params: projectRef.extend({ patch: ViewPatch }), result: ProjectView },

  // inference
  /** Job: generates audio (text2music, cover, repaint, lego, extract, complete); the job's
   * result is a GenerationResult (media hashes + provenance). */
  'generation.start': { params: GenerationRequest, result: JobStarted },
} as const satisfies Record<MethodName, MethodDef>;

export type Methods = typeof methods;
/** What a caller sends. */
export type Params<K extends MethodName> = z.input<Methods[K]['params']>;
/** What a handler receives, after validation. */
export type ParsedParams<K extends MethodName> = z.output<Methods[K]['params']>;
export type Result<K extends MethodName> = z.output<Methods[K]['result']>;
