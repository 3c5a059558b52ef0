/**
 * The diffusion loop (spec §5): one DiT evaluation per step (CFG batched), guidance inside the
 * CFG interval, an Euler or SDE update, the cover-strength conditioning switch, and repaint
 * injection. Control flow only; the math lives in sampler/ and stages/.
 */
import { throwIfCancelled } from '../../../../app/errors.ts';
import { adgGuide, apgGuide, ApgMomentum, cfgGuide, type LatentDims } from '../sampler/guidance.ts';
import type { Schedule } from '../sampler/schedules.ts';
import { eulerStep, sdeStep } from '../sampler/solvers.ts';
import type { DitVelocity } from '../stages/dit-velocity.ts';
import { injectSource } from './repaint.ts';

export interface GuidanceSettings {
  scale: number;
  method: 'apg' | 'adg' | 'cfg';
  interval: { start: number; end: number };
}

export interface SamplingInput {
  dims: LatentDims;
  schedule: Schedule;
  /** The initial noise [batch, frames, channels]; x starts as a copy (t = 1). */
  noise: Float32Array;
  velocity: DitVelocity;
  /** null: a single conditional forward per step. */
  guidance: GuidanceSettings | null;
  solver: 'euler' | 'sde';
  /** SDE: the fresh noise of a step (seeded, reproducible). */
  freshNoise?: (step: number) => Float32Array;
  /** Called before step `at` (the cover-strength switch). */
  switchConditioning?: { at: number; apply: () => void };
  /** Repaint: keep-mask (1 = outside the region), clean source latents [frames, C], steps to inject. */
  repaint?: { keep: Float32Array; clean: Float32Array; injectSteps: number };
  onStep?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export async function runSampling(input: SamplingInput): Promise<Float32Array> {
  const { dims, schedule, velocity, guidance } = input;
  const x = input.noise.slice();
  const guided = new Float32Array(x.length);
  const momentum = new ApgMomentum(x.length);
  const total = schedule.timesteps.length;
  const perItemT = new Array<number>(dims.batch);
  for (let step = 0; step < total; step += 1) {
    throwIfCancelled(input.signal);
    if (input.switchConditioning !== undefined && step === input.switchConditioning.at) {
      input.switchConditioning.apply();
    }
    const t = schedule.timesteps[step] ?? 0;
    const tNext = schedule.next[step] ?? 0;
    const { cond, uncond } = await velocity.evaluate(x, t, input.signal);
    let v: Float32Array = cond;
    if (
      guidance !== null &&
      uncond !== null &&
      t >= guidance.interval.start &&
      t <= guidance.interval.end
    ) {
      if (guidance.method === 'apg') {
        apgGuide(cond, uncond, guidance.scale, dims, momentum, guided);
      } else if (guidance.method === 'adg') {
        adgGuide(x, cond, uncond, perItemT.fill(t), guidance.scale, dims, guided);
      } else {
        cfgGuide(cond, uncond, guidance.scale, guided);
      }
      v = guided;
    }
    if (input.solver === 'sde') {
      sdeStep(x, v, t, tNext, tNext > 0 ? (input.freshNoise?.(step) ?? null) : null);
    } else {
      eulerStep(x, v, t, tNext);
    }
    if (input.repaint !== undefined && step < input.repaint.injectSteps) {
      injectSource(x, input.noise, input.repaint.clean, input.repaint.keep, tNext, dims);
    }
    input.onStep?.(step + 1, total);
  }
  return x;
}
