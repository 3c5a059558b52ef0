import { describe, expect, it } from 'vitest';

import { chooseGridStep, floorToGrid, gridSteps, snapTicks } from './grid.ts';
import { PPQN, ticks } from './units.ts';

const FOUR_FOUR = { numerator: 4, denominator: 4 };
const SIX_EIGHT = { numerator: 6, denominator: 8 };

describe('the musical grid', () => {
  it('lists divisions from a 16th of a beat to 64 bars, finest first', () => {
    const steps = gridSteps(FOUR_FOUR);
    expect(steps[0]).toEqual({ ticks: PPQN / 16, kind: 'sub', count: 16 });
    expect(steps.find((s) => s.kind === 'beat')?.ticks).toBe(PPQN);
    expect(steps.filter((s) => s.kind === 'bar').map((s) => s.count)).toEqual([
      1, 2, 4, 8, 16, 32, 64,
    ]);
    expect(steps.map((s) => s.ticks)).toEqual([...steps.map((s) => s.ticks)].sort((a, b) => a - b));
    // In 6/8 a beat is an eighth note (480 ticks) and a bar six of them.
    expect(gridSteps(SIX_EIGHT).find((s) => s.kind === 'bar')?.ticks).toBe(6 * 480);
  });

  it('chooses the finest division that leaves room between lines', () => {
    // 0.05 px per tick: a beat is 48 px, a 16th note 12 px.
    expect(chooseGridStep(FOUR_FOUR, 0.05, 10)).toMatchObject({ kind: 'sub', count: 4 });
    expect(chooseGridStep(FOUR_FOUR, 0.05, 40)).toMatchObject({ kind: 'beat' });
    expect(chooseGridStep(FOUR_FOUR, 0.05, 100)).toMatchObject({ kind: 'bar', count: 1 });
    // Zoomed far out, the coarsest division is all there is.
    expect(chooseGridStep(FOUR_FOUR, 1e-7, 50)).toMatchObject({ kind: 'bar', count: 64 });
  });

  it('snaps to the nearest line and never below zero', () => {
    expect(snapTicks(ticks(1439), PPQN)).toBe(960);
    expect(snapTicks(ticks(1441), PPQN)).toBe(1920);
    expect(snapTicks(ticks(-700), PPQN)).toBe(0);
    expect(snapTicks(ticks(1234.6), 0)).toBe(1235);
    expect(floorToGrid(ticks(1919), PPQN)).toBe(960);
  });
});
