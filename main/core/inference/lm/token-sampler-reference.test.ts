/**
 * The sampler against a NAIVE reference written from spec §6.4 (sort everything, Math.exp
 * everything): per configuration, the exact probability of every id, then a chi-square test of
 * many seeded draws against it, and the support checked exactly (a drawn id the reference
 * gives probability 0 fails at once, so a wrong top-p or top-k cut cannot hide in the noise).
 * Each configuration is sized to take the sampler's large-set path (binned draw, band
 * resolution, low-temperature proposal) or, where named, its small-set and off-grid paths.
 */
import { describe, expect, it } from 'vitest';

import { SeededRandom } from './seeded-random.ts';
import { maskConstraint, rangeConstraint, type TokenConstraint } from './token-constraint.ts';
import { type SamplingParams, TokenHistory, TokenSampler } from './token-sampler.ts';

const BASE: SamplingParams = {
  temperature: 0.85,
  topK: 0,
  topP: 0.9,
  repetitionPenalty: 1,
  cfgScale: 1,
};

/** The scores the reference ranks: guidance in float32, then the HF repetition penalty. */
function referenceScores(
  logits: Float32Array,
  vocab: number,
  params: SamplingParams,
  seen: ReadonlySet<number>,
): Float64Array {
  const guided = params.cfgScale !== 1 && logits.length >= 2 * vocab;
  return Float64Array.from({ length: vocab }, (_, id) => {
    const c = logits[id] ?? 0;
    const u = logits[vocab + id] ?? 0;
    let v = guided ? Math.fround(u + params.cfgScale * (c - u)) : c;
    if (params.repetitionPenalty !== 1 && seen.has(id)) {
      v = Math.fround(v > 0 ? v / params.repetitionPenalty : v * params.repetitionPenalty);
    }
    return v;
  });
}

/** Spec §6.4 literally: probability per allowed id. */
function referenceDistribution(
  scores: Float64Array,
  allowed: readonly number[],
  params: SamplingParams,
): Map<number, number> {
  const order = [...allowed].sort((x, y) => (scores[y] ?? 0) - (scores[x] ?? 0) || x - y);
  let kept = order.length;
  if (params.topK > 0 && params.topK < kept) {
    const kth = scores[order[params.topK - 1] ?? 0] ?? 0;
    kept = order.findIndex((id) => (scores[id] ?? 0) < kth);
    kept = kept < 0 ? order.length : kept;
  }
  const max = scores[order[0] ?? 0] ?? 0;
  const weight = (id: number, t: number): number => Math.exp(((scores[id] ?? 0) - max) / t);
  if (params.topP > 0 && params.topP < 1) {
    const z = order.slice(0, kept).reduce((sum, id) => sum + weight(id, 1), 0);
    let before = 0;
    let nucleus = 0;
    while (nucleus < kept && before < params.topP * z) {
      before += weight(order[nucleus] ?? 0, 1);
      nucleus++;
    }
    kept = nucleus;
  }
  const zT = order.slice(0, kept).reduce((sum, id) => sum + weight(id, params.temperature), 0);
  return new Map(order.slice(0, kept).map((id) => [id, weight(id, params.temperature) / zT]));
}

/**
 * Chi-square statistic and degrees of freedom over cells of consecutive ranks (the reference
 * map is in rank order), each cell expected to hold at least CELL draws: rare ids pool with
 * their neighbours, and smooth deviations (a wrong temperature, a shifted cut) add up.
 */
const CELL = 400;
function chiSquare(
  counts: Map<number, number>,
  expected: Map<number, number>,
  draws: number,
): { statistic: number; df: number } {
  let statistic = 0;
  let cells = 0;
  let observed = 0;
  let wanted = 0;
  for (const [id, p] of expected) {
    observed += counts.get(id) ?? 0;
    wanted += p * draws;
    if (wanted >= CELL) {
      statistic += (observed - wanted) ** 2 / wanted;
      cells++;
      observed = 0;
      wanted = 0;
    }
  }
  if (wanted > 0) {
    statistic += (observed - wanted) ** 2 / wanted;
    cells++;
  }
  return { statistic, df: Math.max(1, cells - 1) };
}

/** Wilson–Hilferty chi-square quantile at z = 4.26 (upper tail ≈ 1e-5). */
function criticalValue(df: number): number {
  const a = 2 / (9 * df);
  return df * (1 - a + 4.26 * Math.sqrt(a)) ** 3;
}

interface Case {
  logits: Float32Array;
  vocab: number;
  constraint: TokenConstraint;
  allowed: number[];
  params: SamplingParams;
  seen?: number[];
  draws: number;
}

function drawMany(c: Case, seed: number): { counts: Map<number, number>; sampler: TokenSampler } {
  const sampler = new TokenSampler(c.vocab);
  const random = new SeededRandom(seed);
  const history = new TokenHistory(c.vocab);
  for (const id of c.seen ?? []) {
    history.add(id);
  }
  const uncond = c.params.cfgScale !== 1 ? c.vocab : -1;
  const counts = new Map<number, number>();
  for (let i = 0; i < c.draws; i++) {
    const id = sampler.sample(c.logits, 0, uncond, c.constraint, c.params, history, random);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return { counts, sampler };
}

/** Asserts the draws follow the reference; returns the sampler for its counters. */
function expectReference(c: Case, seed = 5): TokenSampler {
  const scores = referenceScores(c.logits, c.vocab, c.params, new Set(c.seen ?? []));
  const expected = referenceDistribution(scores, c.allowed, c.params);
  const { counts, sampler } = drawMany(c, seed);
  for (const id of counts.keys()) {
    expect(
      expected.get(id) ?? 0,
      `id ${id} drawn outside the reference's kept set`,
    ).toBeGreaterThan(0);
  }
  const { statistic, df } = chiSquare(counts, expected, c.draws);
  expect(statistic).toBeLessThan(criticalValue(df));
  return sampler;
}

function randomLogits(n: number, seed: number, spread: number, rows = 1): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: n * rows }, () => (random.next() - 0.5) * spread);
}

/** Peaked like a language model: a few large logits over a long low tail. */
function peakedLogits(n: number, seed: number, rows = 1): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: n * rows }, () => {
    const g = -Math.log(1 - random.next());
    return 3 * Math.log(g + 1e-9) + (random.next() < 0.01 ? 8 : 0);
  });
}

const range = (start: number, end: number): number[] =>
  Array.from({ length: end - start }, (_, i) => start + i);

describe('token sampler against the naive reference distribution', () => {
  it('flat logits, top-p 0.9 at T 0.85: the band is resolved exactly', () => {
    const vocab = 6000;
    const sampler = expectReference({
      logits: randomLogits(vocab, 1, 16),
      vocab,
      constraint: maskConstraint(new Uint8Array(vocab)),
      allowed: range(0, vocab),
      params: BASE,
      draws: 20_000,
    });
    // The flat case puts several bins in the band, so the exact resolution path ran.
    expect(sampler.stats.resolutions).toBeGreaterThan(0);
  });

  it('peaked logits with classifier-free guidance over a range plus an extra id', () => {
    const vocab = 5000;
    const allowed = [...range(1000, 4000), 4500];
    expectReference({
      logits: peakedLogits(vocab, 2, 2),
      vocab,
      constraint: rangeConstraint(1000, 4000, 4500),
      allowed,
      params: { ...BASE, cfgScale: 2, topP: 0.95 },
      draws: 20_000,
    });
  });

  it('top-k with many tied scores, alone and followed by top-p', () => {
    const vocab = 4000;
    // Scores on a coarse grid: the k-th best is tied with many others, all kept.
    const random = new SeededRandom(3);
    const logits = Float32Array.from({ length: vocab }, () => Math.round(random.next() * 40) / 4);
    const constraint = maskConstraint(new Uint8Array(vocab));
    const allowed = range(0, vocab);
    expectReference({
      logits,
      vocab,
      constraint,
      allowed,
      params: { ...BASE, topK: 50, topP: 1, temperature: 1 },
      draws: 20_000,
    });
    expectReference({
      logits,
      vocab,
      constraint,
      allowed,
      params: { ...BASE, topK: 400, topP: 0.8 },
      draws: 20_000,
    });
  });

  it('temperature only (no top-p, no top-k) and a low temperature with top-p', () => {
    const vocab = 3000;
    const logits = randomLogits(vocab, 4, 10);
    const constraint = maskConstraint(new Uint8Array(vocab));
    const allowed = range(0, vocab);
    expectReference({
      logits,
      vocab,
      constraint,
      allowed,
      params: { ...BASE, topP: 1, temperature: 0.7 },
      draws: 20_000,
    });
    const sharp = Float32Array.from(logits, (l) => l / 40);
    expectReference({
      logits: sharp,
      vocab,
      constraint,
      allowed,
      params: { ...BASE, topP: 0.95, temperature: 0.03 },
      draws: 20_000,
    });
  });

  it('repetition penalty on seen ids, positive and negative logits', () => {
    const vocab = 2000;
    const logits = randomLogits(vocab, 6, 8);
    const seen = range(0, vocab).filter((id) => id % 3 === 0);
    expectReference({
      logits,
      vocab,
      constraint: maskConstraint(new Uint8Array(vocab)),
      allowed: range(0, vocab),
      params: { ...BASE, repetitionPenalty: 1.3 },
      seen,
      draws: 20_000,
    });
  });

  it('small sets and scores off the histogram grid take the exact path', () => {
    const vocab = 1000;
    const logits = randomLogits(vocab, 7, 12);
    const small = { kind: 'only', ids: Int32Array.from(range(100, 300)), greedy: false } as const;
    expectReference({
      logits,
      vocab,
      constraint: small,
      allowed: range(100, 300),
      params: BASE,
      draws: 20_000,
    });
    const wide = Float32Array.from(logits);
    wide[10] = 700;
    wide[11] = 699;
    wide[12] = -Infinity;
    expectReference({
      logits: wide,
      vocab,
      constraint: maskConstraint(new Uint8Array(vocab)),
      allowed: range(0, vocab),
      params: { ...BASE, topP: 1, temperature: 1 },
      draws: 5000,
    });
  });

  it('detects a wrong distribution (the test can fail)', () => {
    const vocab = 6000;
    const c: Case = {
      logits: randomLogits(vocab, 1, 16),
      vocab,
      constraint: maskConstraint(new Uint8Array(vocab)),
      allowed: range(0, vocab),
      params: BASE,
      draws: 20_000,
    };
    const { counts } = drawMany(c, 5);
    const scores = referenceScores(c.logits, vocab, c.params, new Set());
    // The same draws against a different temperature, or a nucleus a little wider: the
    // statistic passes the critical value that the right reference stays below.
    for (const params of [
      { ...c.params, temperature: 0.95 },
      { ...c.params, topP: 0.93 },
    ]) {
      const wrong = referenceDistribution(scores, c.allowed, params);
      const { statistic, df } = chiSquare(counts, wrong, c.draws);
      expect(statistic).toBeGreaterThan(criticalValue(df));
    }
  });
});
