import { describe, expect, it } from 'vitest';

import {
  buildSchedule,
  nearestTurboShift,
  snapTurboTimesteps,
  TURBO_VALID_TIMESTEPS,
  turboTimesteps,
} from './schedules.ts';

const five = (values: readonly number[]) => values.map((v) => Number(v.toFixed(5)));

describe('turbo schedules', () => {
  // The tables as the spec (§5.2) lists them from the checkpoint code.
  it('matches the published 8-step tables for shift 1, 2 and 3', () => {
    expect(five(turboTimesteps(1))).toEqual([1, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125]);
    expect(five(turboTimesteps(2))).toEqual([
      1, 0.93333, 0.85714, 0.76923, 0.66667, 0.54545, 0.4, 0.22222,
    ]);
    expect(five(turboTimesteps(3))).toEqual([1, 0.95455, 0.9, 0.83333, 0.75, 0.64286, 0.5, 0.3]);
  });

  it('rounds other shifts to the nearest valid one', () => {
    expect(nearestTurboShift(2.4)).toBe(2);
    expect(nearestTurboShift(5)).toBe(3);
    expect(nearestTurboShift(0.2)).toBe(1);
  });

  it('knows the 20 valid times and snaps custom ones to them', () => {
    expect(five(TURBO_VALID_TIMESTEPS)).toEqual([
      1, 0.95455, 0.93333, 0.9, 0.875, 0.85714, 0.83333, 0.76923, 0.75, 0.66667, 0.64286, 0.625,
      0.54545, 0.5, 0.4, 0.375, 0.3, 0.25, 0.22222, 0.125,
    ]);
    // The API documentation's example, remapped as the checkpoint does.
    expect(five(snapTurboTimesteps([0.97, 0.76, 0.615, 0.5, 0.395, 0.28, 0.18, 0.085, 0]))).toEqual(
      [0.95455, 0.76923, 0.625, 0.5, 0.4, 0.3, 0.22222, 0.125],
    );
    expect(snapTurboTimesteps(Array.from({ length: 25 }, () => 0.5))).toHaveLength(20);
  });

  it('pairs each step with the next time, ending at 0', () => {
    const schedule = buildSchedule({ kind: 'turbo', shift: 3 });
    expect(schedule.timesteps).toHaveLength(8);
    expect(schedule.next.slice(0, 7)).toEqual(schedule.timesteps.slice(1));
    expect(schedule.next[7]).toBe(0);
  });
});

describe('base schedules', () => {
  it('is linspace(1, 0, steps + 1), shifted when shift ≠ 1', () => {
    expect(buildSchedule({ kind: 'base', steps: 4, shift: 1 })).toEqual({
      timesteps: [1, 0.75, 0.5, 0.25],
      next: [0.75, 0.5, 0.25, 0],
    });
    const shifted = buildSchedule({ kind: 'base', steps: 4, shift: 3 });
    expect(shifted.timesteps[1]).toBeCloseTo((3 * 0.75) / (1 + 2 * 0.75), 12);
    expect(shifted.next[3]).toBe(0);
  });
});
