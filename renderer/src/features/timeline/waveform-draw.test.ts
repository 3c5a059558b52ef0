import { describe, expect, it } from 'vitest';

import { columnExtents } from './waveform-draw.ts';

describe('waveform columns', () => {
  it('gives each column the lowest min and highest max of the windows it covers', () => {
    // Four windows as [min, max] pairs, two per column.
    const values = [-0.5, 0.5, -0.1, 0.2, -0.9, 0.3, 0, 0.1];
    const { min, max } = columnExtents(values, 2);
    expect([...min]).toEqual([-0.5, -0.9].map(Math.fround));
    expect([...max]).toEqual([0.5, 0.3].map(Math.fround));
  });

  it('repeats the covering window when zoomed in past the data, leaving no gaps', () => {
    const { min, max } = columnExtents([-0.25, 0.75, -0.5, 0.5], 6);
    expect([...max]).toEqual([0.75, 0.75, 0.75, 0.5, 0.5, 0.5]);
    expect([...min]).toEqual([-0.25, -0.25, -0.25, -0.5, -0.5, -0.5]);
    expect([...columnExtents([], 3).max]).toEqual([0, 0, 0]);
  });
});
