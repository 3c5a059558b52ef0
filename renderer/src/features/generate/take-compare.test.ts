import { describe, expect, it } from 'vitest';

import type { ClipTake } from '../../../../app/model/takes.ts';
import { matchedGains } from './take-compare.ts';

const take = (loudnessLufs: number | null): ClipTake => ({
  mediaHash: 'a'.repeat(64) as ClipTake['mediaHash'],
  label: 'Take',
  seed: 1,
  loudnessLufs,
  kind: 'take',
  createdAt: 0,
});

describe('matched loudness', () => {
  it('brings every take down to the quietest one', () => {
    const gains = matchedGains([take(-14), take(-20), take(-8)]);
    // 6 dB louder plays at half amplitude, 12 dB louder at a quarter.
    expect(gains[0]).toBeCloseTo(10 ** (-6 / 20), 12);
    expect(gains[1]).toBe(1);
    expect(gains[2]).toBeCloseTo(10 ** (-12 / 20), 12);
  });

  it('leaves unmeasured takes (silence) at unity and never boosts', () => {
    expect(matchedGains([take(null), take(-30)])).toEqual([1, 1]);
    expect(matchedGains([take(null)])).toEqual([1]);
  });
});
