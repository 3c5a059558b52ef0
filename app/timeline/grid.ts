/**
 * The musical grid: which divisions exist for a time signature, which one suits a zoom level,
 * and snapping a position to it. Positions are ticks; the grid starts at tick 0 (bar 1).
 */
import { ticksPerBar, ticksPerBeat, type TimeSignature } from './musical-time.ts';
import type { Ticks } from './units.ts';

/** A grid division: its size in ticks and what a musician calls it. */
export interface GridStep {
  ticks: number;
  kind: 'sub' | 'beat' | 'bar';
  /** Beats per step for 'beat', bars per step for 'bar', parts of a beat for 'sub'. */
  count: number;
}

/** Every division from 1/16 of a beat to 64 bars, finest first. */
export function gridSteps(signature: TimeSignature): GridStep[] {
  const beat = ticksPerBeat(signature);
  const bar = ticksPerBar(signature);
  const steps: GridStep[] = [16, 8, 4, 2].map((parts) => ({
    ticks: beat / parts,
    kind: 'sub',
    count: parts,
  }));
  steps.push({ ticks: beat, kind: 'beat', count: 1 });
  for (let bars = 1; bars <= 64; bars *= 2) {
    steps.push({ ticks: bar * bars, kind: 'bar', count: bars });
  }
  return steps;
}

/**
 * The finest division whose steps are at least `minPx` pixels apart at `pxPerTick`; the
 * coarsest one when even that is too dense.
 */
export function chooseGridStep(
  signature: TimeSignature,
  pxPerTick: number,
  minPx: number,
): GridStep {
  const steps = gridSteps(signature);
  const fit = steps.find((step) => step.ticks * pxPerTick >= minPx);
  return fit ?? (steps[steps.length - 1] as GridStep);
}

/** `position` moved to the nearest multiple of `stepTicks` (never below 0). */
export function snapTicks(position: Ticks, stepTicks: number): Ticks {
  if (stepTicks <= 0) {
    return Math.max(0, Math.round(position)) as Ticks;
  }
  return Math.max(0, Math.round(Math.round(position / stepTicks) * stepTicks)) as Ticks;
}

/** The largest multiple of `stepTicks` at or before `position`. */
export function floorToGrid(position: Ticks, stepTicks: number): Ticks {
  return Math.max(0, Math.floor(position / stepTicks) * stepTicks) as Ticks;
}
