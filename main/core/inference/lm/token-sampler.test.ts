import { describe, expect, it, vi } from 'vitest';

import { SeededRandom } from './seeded-random.ts';
import {
  forced,
  maskConstraint,
  rangeConstraint,
  type TokenConstraint,
} from './token-constraint.ts';
import { type SamplingParams, TokenHistory, TokenSampler } from './token-sampler.ts';

// Heavy: the real 217,204-id vocabulary; generous limits for a loaded 2-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const PLAIN: SamplingParams = {
  temperature: 1,
  topK: 0,
  topP: 1,
  repetitionPenalty: 1,
  cfgScale: 1,
};
const all = (n: number): TokenConstraint => maskConstraint(new Uint8Array(n));

/** Draw counts per id over many samples. */
function histogram(
  logits: Float32Array,
  params: SamplingParams,
  constraint: TokenConstraint = all(logits.length),
  draws = 4000,
): Map<number, number> {
  const sampler = new TokenSampler(logits.length);
  const random = new SeededRandom(7);
  const counts = new Map<number, number>();
  for (let i = 0; i < draws; i++) {
    const id = sampler.sample(logits, 0, -1, constraint, params, undefined, random);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Reference nucleus by full sort: keep while the mass of better tokens is below p. */
function referenceNucleus(logits: Float32Array, p: number): Set<number> {
  const max = Math.max(...logits);
  const weights = Array.from(logits, (l) => Math.exp(l - max));
  const total = weights.reduce((a, b) => a + b, 0);
  const order = weights.map((w, id) => ({ w, id })).sort((a, b) => b.w - a.w);
  const kept = new Set<number>();
  let before = 0;
  for (const { w, id } of order) {
    if (before >= p * total) {
      break;
    }
    kept.add(id);
    before += w;
  }
  return kept;
}

describe('token sampler', () => {
  it('samples in proportion to softmax(logits / temperature)', () => {
    const logits = Float32Array.from([Math.log(0.6), Math.log(0.3), Math.log(0.1)]);
    const counts = histogram(logits, PLAIN, all(3), 20_000);
    expect((counts.get(0) ?? 0) / 20_000).toBeCloseTo(0.6, 1);
    expect((counts.get(2) ?? 0) / 20_000).toBeCloseTo(0.1, 1);
    const cold = histogram(logits, { ...PLAIN, temperature: 0.05 }, all(3), 2000);
    expect(cold.get(0)).toBe(2000);
    expect(histogram(logits, { ...PLAIN, temperature: 0 }, all(3), 10).get(0)).toBe(10);
  });

  it('keeps the nucleus exactly, including the token that crosses p', () => {
    const logits = Float32Array.from([0.5, 0.3, 0.15, 0.05].map(Math.log));
    expect([...histogram(logits, { ...PLAIN, topP: 0.7 }).keys()].sort()).toEqual([0, 1]);
    expect([...histogram(logits, { ...PLAIN, topP: 0.5 }).keys()]).toEqual([0]);
    expect([...histogram(logits, { ...PLAIN, topP: 0.81 }).keys()].sort()).toEqual([0, 1, 2]);
    const random = new SeededRandom(3);
    for (let trial = 0; trial < 5; trial++) {
      const wide = Float32Array.from({ length: 5000 }, () => (random.next() - 0.5) * 12);
      const nucleus = referenceNucleus(wide, 0.9);
      const drawn = histogram(wide, { ...PLAIN, topP: 0.9 }, all(wide.length), 3000);
      for (const id of drawn.keys()) {
        expect(nucleus.has(id)).toBe(true);
      }
      expect(drawn.size).toBeGreaterThan(nucleus.size / 4);
    }
  });

  it('draws large sets (binned path) with the exact nucleus probabilities', () => {
    const random = new SeededRandom(21);
    const logits = Float32Array.from({ length: 5000 }, () => (random.next() - 0.5) * 10);
    for (const [temperature, topP] of [
      [1, 1],
      [0.6, 0.8],
    ] as const) {
      const nucleus = referenceNucleus(logits, topP);
      const max = Math.max(...logits);
      let total = 0;
      for (const id of nucleus) {
        total += Math.exp(((logits[id] ?? 0) - max) / temperature);
      }
      const draws = 10_000;
      const counts = histogram(logits, { ...PLAIN, temperature, topP }, all(logits.length), draws);
      for (const id of counts.keys()) {
        expect(nucleus.has(id)).toBe(true);
      }
      const best = [...nucleus].sort((a, b) => (logits[b] ?? 0) - (logits[a] ?? 0)).slice(0, 5);
      for (const id of best) {
        const p = Math.exp(((logits[id] ?? 0) - max) / temperature) / total;
        const sigma = Math.sqrt((p * (1 - p)) / draws);
        expect(Math.abs((counts.get(id) ?? 0) / draws - p)).toBeLessThan(5 * sigma + 1e-4);
      }
    }
  });

  it('keeps the k best with top-k', () => {
    const logits = Float32Array.from([1, 5, 3, 4, 2, 0]);
    expect([...histogram(logits, { ...PLAIN, topK: 3 }).keys()].sort()).toEqual([1, 2, 3]);
    expect([...histogram(logits, { ...PLAIN, topK: 1 }).keys()]).toEqual([1]);
  });

  it('applies classifier-free guidance u + cfg·(c − u) over both rows', () => {
    // cond prefers 0 slightly; uncond prefers 0 strongly → guidance pushes towards 1.
    const logits = Float32Array.from([2, 1.5, /* uncond */ 3, 0]);
    const sampler = new TokenSampler(2);
    const random = new SeededRandom(1);
    const greedy = { ...PLAIN, temperature: 0 };
    expect(sampler.sample(logits, 0, 2, all(2), greedy, undefined, random)).toBe(0);
    expect(
      sampler.sample(logits, 0, 2, all(2), { ...greedy, cfgScale: 2 }, undefined, random),
    ).toBe(1);
    // cfg 2: 0 → 3 + 2(2 − 3) = 1, 1 → 0 + 2(1.5 − 0) = 3.
  });

  it('penalises repeated tokens', () => {
    const logits = Float32Array.from([2, 1.8, -1, -1.1]);
    const sampler = new TokenSampler(4);
    const history = new TokenHistory(4);
    const params = { ...PLAIN, temperature: 0, repetitionPenalty: 1.5 };
    const random = new SeededRandom(1);
    expect(sampler.sample(logits, 0, -1, all(4), params, history, random)).toBe(0);
    history.add(0);
    expect(sampler.sample(logits, 0, -1, all(4), params, history, random)).toBe(1);
    const negative = { kind: 'only', ids: Int32Array.of(2, 3), greedy: false } as const;
    history.add(2);
    expect(sampler.sample(logits, 0, -1, negative, params, history, random)).toBe(3);
    history.clear();
    expect(sampler.sample(logits, 0, -1, all(4), params, history, random)).toBe(0);
  });

  it('honours constraints: forced, greedy lists and ranges', () => {
    const logits = Float32Array.from([9, 1, 2, 3, 4, 5]);
    const sampler = new TokenSampler(6);
    const random = new SeededRandom(2);
    expect(sampler.sample(logits, 0, -1, forced(3), PLAIN, undefined, random)).toBe(3);
    const greedyList = { kind: 'only', ids: Int32Array.of(1, 4, 2), greedy: true } as const;
    expect(sampler.sample(logits, 0, -1, greedyList, PLAIN, undefined, random)).toBe(4);
    const range = rangeConstraint(2, 4, 5);
    const drawn = histogram(logits, PLAIN, range, 500);
    expect([...drawn.keys()].every((id) => [2, 3, 5].includes(id))).toBe(true);
  });

  it('reports logits that are not numbers, on the large and the small path', () => {
    const random = new SeededRandom(1);
    for (const size of [5000, 50]) {
      const sampler = new TokenSampler(size);
      for (const bad of [Number.NaN, Infinity]) {
        const logits = Float32Array.from({ length: size }, (_, i) => Math.sin(i));
        logits[size - 3] = bad;
        expect(() => sampler.sample(logits, 0, -1, all(size), PLAIN, undefined, random)).toThrow(
          expect.objectContaining({ code: 'INFERENCE_FAILED' }),
        );
      }
    }
  });

  it('reproduces a sequence from a seed and differs across seeds', () => {
    const logits = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i));
    const draw = (seed: number): number[] => {
      const sampler = new TokenSampler(1000);
      const random = new SeededRandom(seed);
      return Array.from({ length: 50 }, () =>
        sampler.sample(logits, 0, -1, all(1000), { ...PLAIN, topP: 0.9 }, undefined, random),
      );
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });
});
