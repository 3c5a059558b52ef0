/**
 * Real services over a temp data folder with analytic packs installed (turbo and base DiTs,
 * the real Qwen3 tokenizer) and the real inference process, plus helpers to lay out a project
 * (tracks, clips of exact audio) and run workflows through the contract.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import type { JobFinished, JobProgressed } from '../../app/contract/jobs.ts';
import type { ClipId, MediaHash, ProjectId, TrackId } from '../../app/model/ids.ts';
import type { AceTrackClass } from '../../app/model/instrument.ts';
import type { Clip, ProjectState, Track } from '../../app/model/project.ts';
import type { Db, Samples, Ticks } from '../../app/timeline/units.ts';
import type { WorkflowParamsInput } from '../../app/workflows/workflow-params.ts';
import type { WorkflowResult } from '../../app/workflows/workflow-result.ts';
import type { Services } from '../../main/core/compose.ts';
import { writeAnalyticPack } from '../../tools/fixtures/packs/analytic-pack.ts';
import { qwenTokenizerFiles } from '../../tools/fixtures/packs/qwen-vocabulary.ts';
import { openInferenceServices } from './inference-services.ts';
import { makeTempDir, removeDir } from './temp-dir.ts';

/** The id of a deliberately slow turbo DiT (for cancel and restart tests). */
export const SLOW_DIT = 'dit-turbo-shift3';

/**
 * Writes the packs the workflows need: turbo (text2music, repaint, cover), base (the rest)
 * and, with `slowSteps`, a turbo DiT whose every step does that many dummy 768² MatMuls.
 */
export async function writeWorkflowPacks(modelsDir: string, slowSteps = 0): Promise<void> {
  const tokenizerFiles = qwenTokenizerFiles();
  await writeAnalyticPack(modelsDir, { tokenizerFiles });
  await writeAnalyticPack(modelsDir, { tokenizerFiles, variant: 'base', ditId: 'dit-base' });
  if (slowSteps > 0) {
    await writeAnalyticPack(modelsDir, { tokenizerFiles, ditId: SLOW_DIT, stepCost: slowSteps });
  }
}

export interface WorkflowStudio {
  root: string;
  dataDir: string;
  services: Services;
  projectId: ProjectId;
  state(): ProjectState;
  revision(): number;
  addTrack(name: string, trackClass: AceTrackClass): TrackId;
  /** Stores `audio` as imported studio audio and places it as a clip. */
  addClip(
    trackId: TrackId,
    audio: [Float32Array, Float32Array],
    start: Ticks,
    fields?: Partial<Clip>,
  ): Promise<Clip>;
  /** Starts a workflow and waits for its outcome (progress collected). */
  run(
    workflow: WorkflowParamsInput,
  ): Promise<{ finished: JobFinished; progress: JobProgressed[]; result: WorkflowResult }>;
  /** Starts a workflow; resolves with its job id. */
  start(workflow: WorkflowParamsInput): Promise<string>;
  outcome(jobId: string): Promise<JobFinished>;
  read(
    hash: MediaHash,
    range?: { start: number; end: number },
  ): Promise<[Float32Array, Float32Array]>;
  call(method: string, params: unknown): Promise<unknown>;
  /** Stops the services (as a quit would) and starts them again over the same folder. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

function openServices(dataDir: string, root: string): Promise<Services> {
  return openInferenceServices(dataDir, root, { cancelGraceMs: 5000 });
}

export async function startWorkflowStudio(
  options: { slowSteps?: number } = {},
): Promise<WorkflowStudio> {
  const root = await makeTempDir('layerline-workflows-');
  const dataDir = join(root, 'data');
  await writeWorkflowPacks(join(dataDir, 'models'), options.slowSteps ?? 0);
  let services = await openServices(dataDir, root);
  const { projectId } = await services.library.create({ name: 'Workflows' });
  const session = () => services.library.session(projectId);
  const call = async (method: string, params: unknown): Promise<unknown> => {
    const answer = await services.dispatch(method, params, {
      signal: new AbortController().signal,
    });
    if (!answer.ok) {
      throw Object.assign(new Error(`${answer.error.code}: ${answer.error.message}`), {
        code: answer.error.code,
      });
    }
    return answer.value;
  };
  const outcome = (jobId: string) =>
    new Promise<JobFinished>((resolve) => {
      const off = services.events.subscribe((event, payload) => {
        if (event === 'job.finished' && (payload as JobFinished).jobId === jobId) {
          off();
          resolve(payload as JobFinished);
        }
      });
      const state = services.jobs.get(jobId as never);
      if (state.status !== 'running') {
        off();
        resolve({
          jobId: state.jobId,
          kind: state.kind,
          status: state.status,
          result: state.result,
          error: state.error,
        });
      }
    });
  const start = async (workflow: WorkflowParamsInput) =>
    ((await call('workflow.start', { projectId, workflow })) as { jobId: string }).jobId;
  const studio: WorkflowStudio = {
    root,
    dataDir,
    get services() {
      return services;
    },
    projectId,
    state: () => session().state,
    revision: () => session().revision,
    addTrack: (name, trackClass) => {
      const track: Track = {
        id: randomUUID() as TrackId,
        name,
        instrument: { kind: 'ace', trackClass },
        color: '#4aa3df',
        gainDb: 0 as Db,
        pan: 0,
        mute: false,
        solo: false,
      };
      services.library.applyEdits(projectId, session().revision, [
        { op: 'track.add', track, index: session().state.tracks.length },
      ]);
      return track.id;
    },
    addClip: async (trackId, [left, right], start, fields = {}) => {
      const { media } = await session().audio.storeStudioAudio([[left, right]], {
        name: 'source',
        origin: 'import',
        provenance: null,
      });
      const tempo = session().state.meta.tempo;
      const clip: Clip = {
        id: randomUUID() as ClipId,
        trackId,
        start,
        length: Math.round((left.length * 960 * tempo) / (60 * 48_000)) as Ticks,
        mediaHash: media.hash,
        sourceOffset: 0 as Samples,
        gainDb: 0 as Db,
        fadeIn: 0 as Samples,
        fadeOut: 0 as Samples,
        name: 'Source',
        ...fields,
      };
      services.library.applyEdits(projectId, session().revision, [{ op: 'clip.add', clip }]);
      return clip;
    },
    start,
    outcome,
    run: async (workflow) => {
      const progress: JobProgressed[] = [];
      const off = services.events.subscribe((event, payload) => {
        if (event === 'job.progressed') {
          progress.push(payload as JobProgressed);
        }
      });
      try {
        const jobId = await start(workflow);
        const finished = await outcome(jobId);
        return {
          finished,
          progress: progress.filter((p) => p.jobId === jobId),
          result: finished.result as WorkflowResult,
        };
      } finally {
        off();
      }
    },
    read: (hash, range) => session().audio.read(hash, range),
    call,
    restart: async () => {
      await services.dispose();
      services = await openServices(dataDir, root);
    },
    dispose: async () => {
      await services.dispose();
      await removeDir(root);
    },
  };
  return studio;
}

/** Audio constant over each 1920-sample hop of the timeline grid (exact through the analytic VAE). */
export function hopAudio(
  frames: number,
  level: (hop: number, channel: 0 | 1) => number,
): [Float32Array, Float32Array] {
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let i = 0; i < frames; i += 1) {
    left[i] = level(Math.floor(i / 1920), 0);
    right[i] = level(Math.floor(i / 1920), 1);
  }
  return [left, right];
}
