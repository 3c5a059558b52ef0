/**
 * What a workflow runner works with (workflow-service.ts builds it for each job): the project
 * as it was when the run started, a way to render and store model sources, to run one
 * generation step, and to turn stored audio into takes. A runner plans the model requests from
 * its parameters and returns placements; it never edits the project (the service places
 * everything in one batch at the end).
 */
import { StudioError } from '../../../app/errors.ts';
import type { GenerationRequestInput } from '../../../app/generation/request.ts';
import type { GenerationResult } from '../../../app/generation/result.ts';
import type { ClipId, JobId, MediaHash, ProjectId, TrackId } from '../../../app/model/ids.ts';
import type { Clip, ProjectState, Track } from '../../../app/model/project.ts';
import type { ClipTake } from '../../../app/model/takes.ts';
import type { Placement } from '../../../app/workflows/placement.ts';
import type { GenerationSettings, WorkflowParams } from '../../../app/workflows/workflow-params.ts';
import type {
  ClipLineage,
  LineageRole,
  ResidualMeter,
} from '../../../app/workflows/workflow-result.ts';
import type { ProjectSession } from '../services/project-session.ts';
import type { RenderSource, StoredAudio } from './workflow-audio.ts';

/** One generation a runner asks for. */
export interface GenerationStep {
  /** The request without its project (the run's). */
  request: Omit<GenerationRequestInput, 'projectId'>;
  role: LineageRole;
  parent: ClipLineage['parent'];
  context: ClipLineage['context'];
  detail?: Record<string, unknown>;
  /** Media name of item `index` (seed given). */
  name: (index: number, seed: number) => string;
}

export interface RenderedSource extends StoredAudio {
  /** The lineage `context` of steps that use it. */
  context: NonNullable<ClipLineage['context']>;
}

export interface RunContext {
  projectId: ProjectId;
  jobId: JobId;
  params: WorkflowParams;
  session: ProjectSession;
  /** The project when the run started. */
  state: ProjectState;
  signal: AbortSignal;
  now: () => number;
  generate(step: GenerationStep): Promise<GenerationResult>;
  /** Renders and stores a model source (origin "render", lineage role "context"). */
  render(source: RenderSource, name: string, trackIds: readonly TrackId[]): Promise<RenderedSource>;
  /** Stores audio the run computed itself (the residual), with its lineage. */
  storeComputed(
    audio: [Float32Array, Float32Array],
    meta: { name: string; role: LineageRole; detail: Record<string, unknown> },
  ): Promise<StoredAudio>;
  /** A take of stored audio, its loudness measured. */
  take(mediaHash: MediaHash, fields: Pick<ClipTake, 'label' | 'seed' | 'kind'>): Promise<ClipTake>;
}

export interface RunOutcome {
  placements: Placement[];
  /** Every media item the run stored. */
  mediaHashes: MediaHash[];
  residual?: ResidualMeter;
  notes: string[];
}

export type WorkflowRunner<P extends WorkflowParams = WorkflowParams> = (
  params: P,
  context: RunContext,
) => Promise<RunOutcome>;

/** The request fields a workflow's settings give (model, sampler, batch, reference, LM). */
export function settingsRequest(
  settings: GenerationSettings,
): Omit<GenerationRequestInput, 'projectId'> {
  const fields: Omit<GenerationRequestInput, 'projectId'> = {
    batchSize: settings.batchSize,
    thinking: settings.thinking,
    useCotMetas: settings.useCotMetas,
    useCotCaption: settings.useCotCaption,
    useCotLanguage: settings.useCotLanguage,
  };
  if (settings.modelId !== undefined) fields.modelId = settings.modelId;
  if (settings.seeds !== undefined) fields.seeds = settings.seeds;
  if (settings.steps !== undefined) fields.steps = settings.steps;
  if (settings.shift !== undefined) fields.shift = settings.shift;
  if (settings.guidanceScale !== undefined) fields.guidanceScale = settings.guidanceScale;
  if (settings.reference !== undefined) fields.reference = settings.reference;
  if (settings.lmSampling !== undefined) fields.lmSampling = settings.lmSampling;
  return fields;
}

/** Settings overrides that keep the 5 Hz LM out of a step (edits and stems: no thinking). */
export const NO_LM = {
  thinking: false,
  useCotMetas: false,
  useCotCaption: false,
  useCotLanguage: false,
} as const;

/** The song fields a workflow shares (generate, add layer, cover). */
export type SongParams = Pick<
  Extract<WorkflowParams, { kind: 'generate' }>,
  'caption' | 'lyrics' | 'instrumental' | 'language' | 'metadata' | 'settings'
>;

/** The request fields of a workflow's song (caption, lyrics, vocals, language, metadata) and settings. */
export function songRequest(params: SongParams): Omit<GenerationRequestInput, 'projectId'> {
  return {
    caption: params.caption,
    lyrics: params.lyrics,
    instrumental: params.instrumental,
    ...(params.language === undefined ? {} : { language: params.language }),
    metadata: params.metadata,
    ...settingsRequest(params.settings),
  };
}

export function requireClip(state: ProjectState, clipId: ClipId): Clip {
  const clip = state.clips.find((candidate) => candidate.id === clipId);
  if (clip === undefined) {
    throw new StudioError('NOT_FOUND', 'That clip is not in the project (any more).', { clipId });
  }
  return clip;
}

export function requireTrack(state: ProjectState, trackId: TrackId): Track {
  const track = state.tracks.find((candidate) => candidate.id === trackId);
  if (track === undefined) {
    throw new StudioError('NOT_FOUND', 'That track is not in the project (any more).', { trackId });
  }
  return track;
}

/** Seconds as m:ss.s for labels. */
export function clock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}

/** The model can hear at most this much source audio in one pass (600 s at 48 kHz). */
export const MAX_SOURCE_FRAMES = 600 * 48_000;

export function checkSourceLength(frames: number, what: string): void {
  if (frames > MAX_SOURCE_FRAMES) {
    throw new StudioError(
      'VALIDATION_FAILED',
      `${what} is ${(frames / 48_000).toFixed(0)} s long; the model takes at most 600 s. Select a shorter part.`,
      { frames, maxFrames: MAX_SOURCE_FRAMES },
    );
  }
}
