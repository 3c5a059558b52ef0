import { describe, expect, it } from 'vitest';

import {
  binOf,
  type ExactMasses,
  exactMasses,
  scanCandidates,
  ScoreHistogram,
  type ScoreSource,
} from './candidate-scan.ts';
import { SeededRandom } from './seeded-random.ts';

const NONE = new Int32Array(0);

function source(logits: Float32Array, uncond = -1, cfg = 1): ScoreSource {
  return { logits, cond: 0, uncond, cfg, penalty: 1, seen: undefined };
}

/** The ids chained in grid bin j. */
function chain(h: ScoreHistogram, j: number): number[] {
  const ids: number[] = [];
  for (let id = h.head[j] ?? -1; id >= 0; id = h.next[id] ?? -1) {
    ids.push(id);
  }
  return ids;
}

describe('candidate scan', () => {
  it('bins every allowed candidate once, by ⌊64·score⌋, with counts equal to the chains', () => {
    const random = new SeededRandom(4);
    const vocab = 3001;
    const logits = Float32Array.from({ length: 2 * vocab }, () => (random.next() - 0.5) * 30);
    const runs = Int32Array.of(5, 900, 1000, 2999);
    const h = new ScoreHistogram(vocab);
    // Twice, so the second scan starts from a used histogram.
    for (const [uncond, cfg] of [
      [vocab, 2],
      [-1, 1],
    ] as const) {
      scanCandidates(runs, NONE, source(logits, uncond, cfg), h);
      const seen = new Set<number>();
      let chained = 0;
      for (let j = h.bottom; j <= h.top; j++) {
        const ids = chain(h, j);
        expect(ids.length).toBe(h.counts[j]);
        for (const id of ids) {
          const c = logits[id] ?? 0;
          const u = logits[vocab + id] ?? 0;
          const score = uncond < 0 ? c : Math.fround(u + cfg * (c - u));
          expect(Math.floor(score * 64)).toBe(j - 32_768);
          seen.add(id);
        }
        chained += ids.length;
      }
      expect(chained).toBe(900 - 5 + 2999 - 1000);
      expect(h.count).toBe(chained);
      expect(seen.size).toBe(chained);
      expect(h.inRange).toBe(true);
      expect(binOf(h.max)).toBe(h.top);
    }
  });

  it('takes the lowest id among tied best scores and flags scores off the grid or NaN', () => {
    const h = new ScoreHistogram(8);
    const logits = Float32Array.of(1, 5, 2, 5, 5, 0, 0, 0);
    scanCandidates(Int32Array.of(0, 8), NONE, source(logits), h);
    expect(h.best).toBe(1);
    scanCandidates(NONE, Int32Array.of(4, 3, 1), source(logits), h);
    expect(h.best).toBe(1);
    for (const bad of [Number.NaN, 600, -600, -Infinity]) {
      logits[6] = bad;
      scanCandidates(Int32Array.of(0, 8), NONE, source(logits), h);
      expect(h.inRange).toBe(false);
    }
  });

  it('computes the exact normaliser and the mass ranked before a candidate', () => {
    const logits = Float32Array.of(0, -1, 0, -2);
    const out: ExactMasses = { total: 0, before: 0 };
    exactMasses(Int32Array.of(0, 4), NONE, source(logits), 0, 0, 2, out);
    expect(out.total).toBeCloseTo(2 + Math.exp(-1) + Math.exp(-2), 14);
    // Ranked before id 2 (score 0): id 0 (same score, lower id) only.
    expect(out.before).toBeCloseTo(1, 14);
  });
});
