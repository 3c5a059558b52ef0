/**
 * Builds a runner's RunContext for one workflow job: generation passes through the generation
 * service (inside this job, with its progress and each item's lineage), model sources rendered
 * and stored with their lineage, takes measured for loudness.
 */
import { StudioError } from '../../../app/errors.ts';
import { GenerationRequest } from '../../../app/generation/request.ts';
import type { JobId, ProjectId } from '../../../app/model/ids.ts';
import type { ProjectState } from '../../../app/model/project.ts';
import { takeOf } from '../../../app/workflows/placement.ts';
import type { WorkflowParams } from '../../../app/workflows/workflow-params.ts';
import type { ClipLineage } from '../../../app/workflows/workflow-result.ts';
import type { GenerationService } from '../inference/service/generation-service.ts';
import type { JobContext } from '../services/job-registry.ts';
import type { ProjectSession } from '../services/project-session.ts';
import type { GenerationStep, RunContext } from './run-context.ts';
import { passContext } from './run-progress.ts';
import { mediaLoudness, renderSource, storeRendered } from './workflow-audio.ts';

export interface RunContextInput {
  projectId: ProjectId;
  jobId: JobId;
  params: WorkflowParams;
  session: ProjectSession;
  state: ProjectState;
  generation: GenerationService;
  job: JobContext;
  passes: number;
  now: () => number;
}

function parseRequest(projectId: ProjectId, step: GenerationStep): GenerationRequest {
  const parsed = GenerationRequest.safeParse({ projectId, ...step.request });
  if (!parsed.success) {
    throw new StudioError(
      'VALIDATION_FAILED',
      `The workflow made an invalid request: ${parsed.error.issues[0]?.message ?? ''}`,
      { issues: parsed.error.issues.slice(0, 5).map((issue) => issue.message) },
    );
  }
  return parsed.data;
}

export function createRunContext(input: RunContextInput): RunContext {
  const { projectId, jobId, params, session, state, generation, job, passes, now } = input;
  const { signal } = job;
  let pass = 0;
  const lineageOf = (
    step: Pick<GenerationStep, 'role' | 'parent' | 'context' | 'detail'>,
  ): ClipLineage => ({
    workflow: params.kind,
    jobId,
    role: step.role,
    params,
    parent: step.parent,
    context: step.context,
    detail: step.detail ?? {},
  });
  return {
    projectId,
    jobId,
    params,
    session,
    state,
    signal,
    now,
    generate: async (step) => {
      const request = parseRequest(projectId, step);
      if (pass === 0) {
        job.progress('prepare', 1);
      }
      const result = await generation.run(request, passContext(job, pass, passes), {
        lineage: lineageOf(step),
        name: step.name,
      });
      pass += 1;
      return result;
    },
    render: async (source, name, trackIds) => {
      const audio = await renderSource(session, state, source, signal);
      const lineage = {
        ...lineageOf({ role: 'context', parent: null, context: null }),
        detail: { source },
      };
      const stored = await storeRendered(session, audio, { name, lineage }, signal);
      const startSample = source.kind === 'media' ? 0 : source.span.start;
      return {
        ...stored,
        context: {
          mediaHash: stored.mediaHash,
          trackIds: [...trackIds],
          startSample,
          endSample: startSample + stored.frames,
        },
      };
    },
    storeComputed: (audio, meta) =>
      storeRendered(
        session,
        audio,
        {
          name: meta.name,
          lineage: lineageOf({ role: meta.role, parent: null, context: null, detail: meta.detail }),
        },
        signal,
      ),
    take: async (mediaHash, fields) =>
      takeOf(
        mediaHash,
        { ...fields, loudnessLufs: await mediaLoudness(session, mediaHash, signal) },
        now(),
      ),
  };
}
