/**
 * Flow-matching timestep schedules (spec §5.2). t = 1 is pure noise; a schedule is the list
 * of times the DiT is evaluated at, each paired with the time the step moves to (the last
 * moves to 0: x0 = x − v·t, the "x0 shortcut").
 */
export interface Schedule {
  /** t_cur of each step. */
  timesteps: readonly number[];
  /** t_next of each step; the last is 0. */
  next: readonly number[];
}

/** The shift map t' = s·t / (1 + (s − 1)·t) (spec §5.2). */
export function shiftTime(t: number, shift: number): number {
  return (shift * t) / (1 + (shift - 1) * t);
}

export const TURBO_SHIFTS = [1, 2, 3] as const;
const TURBO_STEPS = 8;

/**
 * Turbo's fixed 8-step table for shift 1, 2 or 3: the shift map applied to 1, 7/8, ..., 1/8.
 * (The checkpoint code lists these as 5-decimal constants, e.g. 0.95455 for shift 3; the
 * exact values differ by < 5e-6.) Other shifts round to the nearest of 1, 2, 3.
 */
export function turboTimesteps(shift: number): number[] {
  const snapped = nearestTurboShift(shift);
  return Array.from({ length: TURBO_STEPS }, (_, i) => shiftTime(1 - i / TURBO_STEPS, snapped));
}

export function nearestTurboShift(shift: number): 1 | 2 | 3 {
  return TURBO_SHIFTS.reduce((best, candidate) =>
    Math.abs(candidate - shift) < Math.abs(best - shift) ? candidate : best,
  );
}

/** The 20 distinct values of the three turbo tables, descending. */
export const TURBO_VALID_TIMESTEPS: readonly number[] = [
  ...new Set(
    TURBO_SHIFTS.flatMap((shift) => turboTimesteps(shift)).map((t) => Number(t.toFixed(12))),
  ),
].sort((a, b) => b - a);

/**
 * Custom turbo timesteps: trailing zeros dropped, at most 20 kept, each snapped to the nearest
 * valid turbo time (spec §5.2: the checkpoint remaps unknown times silently).
 */
export function snapTurboTimesteps(custom: readonly number[]): number[] {
  const values = [...custom];
  while (values.length > 0 && values.at(-1) === 0) {
    values.pop();
  }
  return values
    .slice(0, 20)
    .map((value) =>
      TURBO_VALID_TIMESTEPS.reduce((best, candidate) =>
        Math.abs(candidate - value) < Math.abs(best - value) ? candidate : best,
      ),
    );
}

/** Base/SFT: linspace(1, 0, steps + 1) through the shift map, Euler over consecutive pairs. */
export function baseTimesteps(steps: number, shift: number): number[] {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const t = 1 - i / steps;
    return shift === 1 ? t : shiftTime(t, shift);
  });
}

export type ScheduleRequest =
  | { kind: 'turbo'; shift: number; timesteps?: readonly number[] }
  | { kind: 'base'; steps: number; shift: number };

export function buildSchedule(request: ScheduleRequest): Schedule {
  if (request.kind === 'turbo') {
    const times =
      request.timesteps !== undefined && request.timesteps.length > 0
        ? snapTurboTimesteps(request.timesteps)
        : turboTimesteps(request.shift);
    return { timesteps: times, next: [...times.slice(1), 0] };
  }
  const grid = baseTimesteps(request.steps, request.shift);
  return { timesteps: grid.slice(0, -1), next: grid.slice(1) };
}
