import { describe, expect, it } from 'vitest';

import { expNeg } from './fast-exp.ts';
import { SeededRandom } from './seeded-random.ts';

describe('fast e^(−x)', () => {
  it('matches Math.exp to a few ulps over the sampler’s range, and past the table', () => {
    const random = new SeededRandom(9);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      // Mostly the distances the sampler sees (0..64 nats), some beyond the table.
      const x = i % 10 === 0 ? random.next() * 200 : random.next() * 64;
      const exact = Math.exp(-x);
      worst = Math.max(worst, Math.abs(expNeg(x) - exact) / exact);
    }
    expect(worst).toBeLessThan(1e-14);
    expect(expNeg(0)).toBe(1);
    expect(expNeg(Infinity)).toBe(0);
  });
});
