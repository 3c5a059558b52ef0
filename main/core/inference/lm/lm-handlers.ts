/**
 * The contract's lm.* handlers: simple mode, query rewriting and audio understanding as jobs
 * (phases `load` then `plan`; understanding also `encode`). The LM itself runs where the ONNX
 * sessions live (the inference process) behind the LmRuntime port.
 */
import type { Handlers } from '../../../../app/contract/dispatch.ts';
import { StudioError } from '../../../../app/errors.ts';
import type { PhasePlan } from '../../../../app/jobs/progress.ts';
import type {
  FormatParams,
  InspireParams,
  LmSampling,
  SongDraft,
} from '../../../../app/model/song-draft.ts';
import type { StereoAudio } from '../../media/generated-audio.ts';
import { readStudioAudio } from '../../media/generated-audio.ts';
import type { JobContext, JobRegistry } from '../../services/job-registry.ts';
import type { ProjectLibrary } from '../../services/project-library.ts';

/** How a runtime reports one LM job's progress. */
export interface LmJobProgress {
  phase: 'load' | 'encode' | 'plan';
  /** 0..1 within the phase. */
  fraction: number;
  step?: number;
  totalSteps?: number;
}

export interface LmJobControl {
  signal: AbortSignal;
  progress(progress: LmJobProgress): void;
}

/** The LM as the inference side provides it. */
export interface LmRuntime {
  inspire(params: InspireParams, control: LmJobControl): Promise<SongDraft>;
  format(params: FormatParams, control: LmJobControl): Promise<SongDraft>;
  understand(input: { audio: StereoAudio } & LmSampling, control: LmJobControl): Promise<SongDraft>;
}

const DRAFT_PLAN: PhasePlan = [
  ['load', 0.2],
  ['plan', 0.8],
];
const UNDERSTAND_PLAN: PhasePlan = [
  ['load', 0.1],
  ['encode', 0.2],
  ['plan', 0.7],
];

function control(context: JobContext): LmJobControl {
  return {
    signal: context.signal,
    progress: ({ phase, fraction, step, totalSteps }) => {
      const extra: { step?: number; totalSteps?: number } = {};
      if (step !== undefined) {
        extra.step = step;
      }
      if (totalSteps !== undefined) {
        extra.totalSteps = totalSteps;
      }
      context.progress(phase, fraction, extra);
    },
  };
}

function requireRuntime(runtime: LmRuntime | undefined): LmRuntime {
  if (runtime === undefined) {
    throw new StudioError(
      'UNAVAILABLE',
      'The 5 Hz LM is not available: install an LM model (lm-0.6b, lm-1.7b or lm-4b) first.',
    );
  }
  return runtime;
}

function shorten(text: string): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}

export function lmHandlers(deps: {
  jobs: JobRegistry;
  library: ProjectLibrary;
  runtime: LmRuntime | undefined;
}): Pick<Handlers, 'lm.inspire' | 'lm.format' | 'lm.understand'> {
  const { jobs, library } = deps;
  return {
    'lm.inspire': (params) => {
      const runtime = requireRuntime(deps.runtime);
      const jobId = jobs.start({
        kind: 'lm.inspire',
        label: params.query.trim() === '' ? 'Draft a song' : `Draft “${shorten(params.query)}”`,
        projectId: null,
        plan: DRAFT_PLAN,
        run: (context) => runtime.inspire(params, control(context)),
      });
      return { jobId };
    },
    'lm.format': (params) => {
      const runtime = requireRuntime(deps.runtime);
      const jobId = jobs.start({
        kind: 'lm.format',
        label: 'Rewrite the caption and lyrics',
        projectId: null,
        plan: DRAFT_PLAN,
        run: (context) => runtime.format(params, control(context)),
      });
      return { jobId };
    },
    'lm.understand': ({ projectId, audioHash, ...sampling }) => {
      const runtime = requireRuntime(deps.runtime);
      const session = library.session(projectId);
      const jobId = jobs.start({
        kind: 'lm.understand',
        label: 'Describe the audio',
        projectId,
        plan: UNDERSTAND_PLAN,
        run: async (context) => {
          const audio = await readStudioAudio(session.audio, audioHash);
          return runtime.understand({ audio, ...sampling }, control(context));
        },
      });
      return { jobId };
    },
  };
}
