import { describe, expect, it } from 'vitest';

import { eulerStep, sdeStep } from './solvers.ts';

describe('solvers', () => {
  it('Euler lands on x0 when v = (x − x0)/t, at any step size', () => {
    const x0 = 0.3;
    const x = Float32Array.from([0.9]);
    eulerStep(x, Float32Array.from([(0.9 - x0) / 1]), 1, 0.5);
    expect(x[0]).toBeCloseTo(0.5 * 0.9 + 0.5 * x0, 6);
    eulerStep(x, Float32Array.from([((x[0] ?? 0) - x0) / 0.5]), 0.5, 0);
    expect(x[0]).toBeCloseTo(x0, 6);
  });

  it('SDE re-noises the predicted x0 to t_next, and returns x0 at the end', () => {
    const x = Float32Array.from([1]);
    sdeStep(x, Float32Array.from([1]), 0.5, 0.25, Float32Array.from([2]));
    expect(x[0]).toBeCloseTo(0.25 * 2 + 0.75 * 0.5, 6);
    sdeStep(x, Float32Array.from([0]), 0.25, 0, Float32Array.from([9]));
    expect(x[0]).toBeCloseTo(0.875, 6);
  });
});
