/**
 * The generation workflows on the timeline: one job per run (`workflow.run`) that plans the
 * model requests from the project and the selection, renders the context with the offline
 * mixer, runs the generation(s) in the inference process, then places every result as ONE
 * edit batch, so a single undo removes it. Nothing is placed until the very end: a cancelled,
 * failed or interrupted run (the studio stopping) leaves the project as it was; what it had
 * already stored stays as unused media. Each run's parameters are kept in the project
 * (workflow_runs), so a failed run can be retried after a restart, and every stored item
 * carries its lineage (lineage.ts).
 */
import { randomUUID } from 'node:crypto';

import { StudioError, throwIfCancelled } from '../../../app/errors.ts';
import type { Logger } from '../../../app/log.ts';
import type { ClipId, JobId, MediaHash, ProjectId, TrackId } from '../../../app/model/ids.ts';
import type { ProjectState } from '../../../app/model/project.ts';
import { type Placement, placementEdits, takeOf } from '../../../app/workflows/placement.ts';
import { describeRun, placementLabel } from '../../../app/workflows/workflow-labels.ts';
import { WorkflowParams } from '../../../app/workflows/workflow-params.ts';
import type { ClipLineageView, WorkflowResult } from '../../../app/workflows/workflow-result.ts';
import type { GenerationService } from '../inference/service/generation-service.ts';
import type { JobContext, JobRegistry } from '../services/job-registry.ts';
import type { ProjectLibrary } from '../services/project-library.ts';
import { createRunContext } from './job-run-context.ts';
import { clipLineage, lineageStep } from './lineage.ts';
import type { WorkflowRunner } from './run-context.ts';
import { runExtend, runExtract, runRepaint } from './run-edits.ts';
import { runAddLayer, runCover, runGenerate, runVocalToBgm } from './run-new-audio.ts';
import { passCount, phasesFor } from './run-progress.ts';

export interface WorkflowServiceDeps {
  library: ProjectLibrary;
  jobs: JobRegistry;
  /** null when the studio runs without the inference process. */
  generation: GenerationService | null;
  log: Logger;
  now: () => number;
}

/** What a run was asked: the workflow, and the clip whose takes a regeneration adds to. */
interface RunRequest {
  params: WorkflowParams;
  /** Regenerate: results become new takes of this clip instead of new clips. */
  into?: ClipId;
}

const RUNNERS: {
  [K in WorkflowParams['kind']]: WorkflowRunner<Extract<WorkflowParams, { kind: K }>>;
} = {
  generate: runGenerate,
  addLayer: runAddLayer,
  vocalToBgm: runVocalToBgm,
  repaint: runRepaint,
  extend: runExtend,
  extract: runExtract,
  cover: runCover,
};

/** Results of a regeneration as new takes of the clip (the clip keeps playing its take). */
function asNewTakes(
  placements: readonly Placement[],
  into: ClipId,
  state: ProjectState,
): Placement[] {
  const clip = state.clips.find((candidate) => candidate.id === into);
  const first = placements.find((placement) => placement.type === 'clip');
  if (clip === undefined || first?.type !== 'clip') {
    return [...placements];
  }
  const playing =
    state.takes?.[into]?.find((take) => take.mediaHash === clip.mediaHash) ??
    takeOf(clip.mediaHash, { label: 'Take 1', seed: null, loudnessLufs: null, kind: 'take' }, 0);
  // The playing take first, so the clip keeps its audio; the new takes are one click away.
  return [
    {
      type: 'version',
      clipId: into,
      takes: [playing, ...first.takes],
      original: playing,
      fallback: { ...clip },
    },
  ];
}

export class WorkflowService {
  readonly #deps: WorkflowServiceDeps;

  constructor(deps: WorkflowServiceDeps) {
    this.#deps = deps;
  }

  /** Starts a run; the job's result is a WorkflowResult. */
  start(projectId: ProjectId, params: WorkflowParams, into?: ClipId): JobId {
    const { library, jobs, now } = this.#deps;
    const generation = this.#deps.generation;
    if (generation === null) {
      throw new StudioError('UNAVAILABLE', 'This studio runs without the inference engine.');
    }
    const session = library.session(projectId);
    const state = session.state;
    const passes = passCount(params, state);
    const request: RunRequest = into === undefined ? { params } : { params, into };
    const jobId: JobId = jobs.start({
      kind: 'workflow.run',
      label: describeRun(params, state),
      projectId,
      plan: phasesFor(params, passes),
      run: (context): Promise<WorkflowResult> =>
        this.#run(projectId, request, jobId, passes, generation, context),
    });
    session.store.workflows.recordRun({
      jobId,
      kind: params.kind,
      params: request,
      createdAt: now(),
    });
    return jobId;
  }

  /** Runs a finished run's parameters again (a failed, cancelled or interrupted one). */
  retry(jobId: JobId): JobId {
    const job = this.#deps.jobs.get(jobId);
    if (job.kind !== 'workflow.run' || job.projectId === null) {
      throw new StudioError('VALIDATION_FAILED', 'Only timeline workflows can be retried here.', {
        jobId,
      });
    }
    if (job.status === 'running') {
      throw new StudioError('CONFLICT', 'That run is still going.', { jobId });
    }
    const run = this.#deps.library.session(job.projectId).store.workflows.run(jobId);
    if (run === null) {
      throw new StudioError('NOT_FOUND', 'That run left no parameters to retry.', { jobId });
    }
    const stored = run.params as { params?: unknown; into?: unknown };
    const params = WorkflowParams.safeParse(stored.params);
    if (!params.success) {
      throw new StudioError(
        'STORAGE_FAILED',
        'The stored parameters of that run are not readable.',
        { jobId },
      );
    }
    return this.start(
      job.projectId,
      params.data,
      typeof stored.into === 'string' ? (stored.into as ClipId) : undefined,
    );
  }

  /**
   * Runs what made a clip again. Songs, layers, covers and accompaniment become new takes of
   * the clip; other runs (repaint, extend, stems) run again as they were. `newSeeds`: forget
   * the seeds (else the same seeds give the same audio).
   */
  regenerate(projectId: ProjectId, clipId: ClipId, newSeeds: boolean): JobId {
    const session = this.#deps.library.session(projectId);
    const clip = session.state.clips.find((candidate) => candidate.id === clipId);
    if (clip === undefined) {
      throw new StudioError('NOT_FOUND', 'That clip is not in the project.', { clipId });
    }
    const lineage = lineageStep(session, clip.mediaHash)?.lineage ?? null;
    if (lineage === null) {
      throw new StudioError(
        'VALIDATION_FAILED',
        'This clip was not made by a workflow, so there is nothing to regenerate.',
        { clipId },
      );
    }
    const params: WorkflowParams = newSeeds
      ? {
          ...lineage.params,
          settings: { ...lineage.params.settings, seeds: undefined },
        }
      : lineage.params;
    const intoClip =
      ['generate', 'addLayer', 'cover'].includes(params.kind) ||
      (params.kind === 'vocalToBgm' && !params.split);
    return this.start(projectId, params, intoClip ? clipId : undefined);
  }

  lineage(projectId: ProjectId, clipId: ClipId): ClipLineageView {
    return clipLineage(this.#deps.library.session(projectId), clipId);
  }

  async #run(
    projectId: ProjectId,
    request: RunRequest,
    jobId: JobId,
    passes: number,
    generation: GenerationService,
    context: JobContext,
  ): Promise<WorkflowResult> {
    const { library, now } = this.#deps;
    const { params } = request;
    context.progress('prepare', 0);
    const session = library.session(projectId);
    const runContext = createRunContext({
      projectId,
      jobId,
      params,
      session,
      state: session.state,
      generation,
      job: context,
      passes,
      now,
    });
    const runner = RUNNERS[params.kind] as WorkflowRunner;
    const outcome = await runner(params, runContext);
    return this.#place(projectId, request, outcome, context);
  }

  /** The one edit batch; the last thing a run does, after its last chance to be cancelled. */
  #place(
    projectId: ProjectId,
    request: RunRequest,
    outcome: Awaited<ReturnType<WorkflowRunner>>,
    context: JobContext,
  ): WorkflowResult {
    const { library } = this.#deps;
    const session = library.session(projectId);
    const current = session.state;
    const placements =
      request.into === undefined
        ? outcome.placements
        : asNewTakes(outcome.placements, request.into, current);
    const placed = placementEdits(current, placements, {
      track: () => randomUUID() as TrackId,
      clip: () => randomUUID() as ClipId,
    });
    throwIfCancelled(context.signal);
    const revision =
      placed.edits.length === 0
        ? session.revision
        : library.applyEdits(
            projectId,
            session.revision,
            placed.edits,
            placementLabel(request.params),
          ).revision;
    context.progress('write', 1);
    return {
      kind: request.params.kind,
      trackIds: placed.trackIds,
      clipIds: placed.clipIds,
      mediaHashes: [...new Set<MediaHash>(outcome.mediaHashes)],
      revision,
      ...(outcome.residual === undefined ? {} : { residual: outcome.residual }),
      notes: [...outcome.notes, ...placed.notes],
    };
  }
}
