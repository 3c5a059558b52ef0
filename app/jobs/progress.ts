/** Job phases and the pure arithmetic that turns phase progress into one monotonic fraction. */
import { z } from 'zod';

export const JOB_PHASES = [
  'queued',
  'prepare',
  'read',
  'verify',
  'write',
  'install',
  'download',
  'load',
  'plan',
  'encode',
  'diffuse',
  'decode',
] as const;

export const JobPhase = z.enum(JOB_PHASES);
export type JobPhase = z.infer<typeof JobPhase>;

/** Phases of one job kind in the order they run, each with its share of the whole. */
export type PhasePlan = readonly (readonly [JobPhase, number])[];

/**
 * Overall fraction (0..1) when `phase` is `fraction` done: the weights of the phases before it
 * plus its own weight times `fraction`, over the total. A phase not in the plan counts as 0.
 */
export function overallProgress(plan: PhasePlan, phase: JobPhase, fraction: number): number {
  const total = plan.reduce((sum, [, weight]) => sum + weight, 0);
  if (total <= 0) {
    return 0;
  }
  let done = 0;
  for (const [name, weight] of plan) {
    if (name === phase) {
      return Math.min(1, (done + weight * Math.min(1, Math.max(0, fraction))) / total);
    }
    done += weight;
  }
  return 0;
}
