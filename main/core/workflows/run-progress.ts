/**
 * A run's progress: one generation pass reports the generation's own phases (load, encode,
 * diffuse, decode, write); several passes (the classes of an extract, queued repaint regions)
 * report "diffuse" across all of them, pass i of N as step i of N, so that overall progress
 * and the time left keep moving pass after pass.
 */
import { overallProgress, type PhasePlan } from '../../../app/jobs/progress.ts';
import type { ProjectState } from '../../../app/model/project.ts';
import type { WorkflowParams } from '../../../app/workflows/workflow-params.ts';
import { GENERATION_PHASES } from '../inference/service/generation-service.ts';
import type { JobContext } from '../services/job-registry.ts';
import { repaintTargets } from './run-edits.ts';

/** How many generation passes a run makes (each class of an extract is one). */
export function passCount(params: WorkflowParams, state: ProjectState): number {
  switch (params.kind) {
    case 'generate':
    case 'addLayer':
    case 'extend':
    case 'cover':
      return 1;
    case 'vocalToBgm':
      return 1 + (params.split && params.trackClasses.length > 1 ? params.trackClasses.length : 0);
    case 'repaint':
      return Math.max(
        1,
        repaintTargets(state, params).reduce((sum, target) => sum + target.regions.length, 0),
      );
    case 'extract':
      return new Set(params.trackClasses).size;
  }
}

const thinks = (params: WorkflowParams): boolean => {
  const { settings } = params;
  const asked =
    settings.thinking || settings.useCotMetas || settings.useCotCaption || settings.useCotLanguage;
  return asked && params.kind !== 'repaint' && params.kind !== 'extend' && params.kind !== 'cover';
};

/** One pass: the generation's own phases. Several: "diffuse" spans them all, pass by pass. */
export function phasesFor(params: WorkflowParams, passes: number): PhasePlan {
  if (passes > 1) {
    return [
      ['prepare', 0.05],
      ['diffuse', 0.9],
      ['write', 0.05],
    ];
  }
  return [
    ['prepare', 0.05],
    ...(thinks(params) ? [['plan', 0.3] as const] : []),
    ...GENERATION_PHASES,
  ];
}

const PASS_PHASES: PhasePlan = [['plan', 0.3], ...GENERATION_PHASES];

/** Pass `index` of `count`: its progress as a share of the run's "diffuse" phase. */
export function passContext(context: JobContext, index: number, count: number): JobContext {
  if (count === 1) {
    return context;
  }
  return {
    ...context,
    progress: (phase, fraction) => {
      const within = overallProgress(PASS_PHASES, phase, fraction);
      context.progress('diffuse', (index + within) / count, { step: index + 1, totalSteps: count });
    },
  };
}
