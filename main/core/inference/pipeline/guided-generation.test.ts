/**
 * Guidance, seeds and failure paths over an analytic base pack with KEEP = 0.25, so the noise
 * and every step matter: v = 0.75 · (x − target) / t. The expected results are computed here
 * in float64 straight from the spec's formulas (§5.1-5.3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type AnalyticHarness,
  analyticHarness,
  type DitCall,
  encoderMaskedMean,
} from '../../../../tests/helpers/analytic-generation.ts';
import { ANALYTIC } from '../../../../tools/fixtures/packs/analytic-pack.ts';
import { cudaRandn } from '../noise/philox.ts';
import type { SamplerPlan } from './generation-plan.ts';

const C = ANALYTIC.latentChannels;
const KEEP = 0.25;

let h: AnalyticHarness;
beforeAll(async () => {
  h = await analyticHarness({ variant: 'base', keep: KEEP });
});
afterAll(async () => {
  await h.dispose();
});

const sampler = (changes: Partial<SamplerPlan>): SamplerPlan => ({
  schedule: 'base',
  steps: 4,
  shift: 3,
  guidanceScale: 1,
  guidanceMethod: 'apg',
  cfgInterval: { start: 0, end: 1 },
  solver: 'euler',
  ...changes,
});

/** linspace(1, 0, steps + 1) through t' = s·t / (1 + (s − 1)·t). */
function times(steps: number, shift: number): number[] {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const t = 1 - i / steps;
    return (shift * t) / (1 + (shift - 1) * t);
  });
}

/** APG per spec §5.3 on one item [frames, C], float64; `running` is the momentum buffer. */
function apg(vc: number[], vu: number[], g: number, running: number[], frames: number): number[] {
  const out = new Array<number>(vc.length).fill(0);
  for (let i = 0; i < vc.length; i += 1) {
    running[i] = vc[i]! - vu[i]! - 0.75 * running[i]!;
  }
  for (let c = 0; c < C; c += 1) {
    const idx = Array.from({ length: frames }, (_, f) => f * C + c);
    const norm = Math.sqrt(idx.reduce((s, i) => s + running[i]! ** 2, 0));
    const d = idx.map((i) => running[i]! * Math.min(1, 2.5 / norm));
    const vNorm = Math.sqrt(idx.reduce((s, i) => s + vc[i]! ** 2, 0));
    const dot = idx.reduce((s, i, k) => s + d[k]! * (vc[i]! / vNorm), 0);
    idx.forEach((i, k) => {
      out[i] = vc[i]! + (g - 1) * (d[k]! - (dot * vc[i]!) / vNorm);
    });
  }
  return out;
}

/** The whole sampler in float64 for one item, from the first recorded call's inputs. */
function reference(call: DitCall, frames: number, g: number, method: 'apg' | 'cfg'): number[] {
  const size = frames * C;
  let x = Array.from(call.x.subarray(0, size), Number);
  const src = Array.from(
    { length: size },
    (_, i) => call.context[Math.floor(i / C) * 2 * C + (i % C)] ?? 0,
  );
  const hc = encoderMaskedMean(call, 0);
  const hu = encoderMaskedMean(call, 1);
  const grid = times(4, 3);
  const running = new Array<number>(size).fill(0);
  for (let step = 0; step < 4; step += 1) {
    const t = grid[step]!;
    const vc = x.map((value, i) => ((1 - KEEP) * (value - (src[i]! + hc[i % C]!))) / t);
    const vu = x.map((value, i) => ((1 - KEEP) * (value - (src[i]! + hu[i % C]!))) / t);
    const v =
      method === 'apg'
        ? apg(vc, vu, g, running, frames)
        : vc.map((c, i) => vu[i]! + g * (c - vu[i]!));
    const dt = t - grid[step + 1]!;
    x = x.map((value, i) => value - v[i]! * dt);
  }
  return x;
}

describe('guidance on the analytic pack', () => {
  for (const method of ['apg', 'cfg'] as const) {
    it(`${method.toUpperCase()} runs as one doubled forward and matches a float64 reference`, async () => {
      const run = await h.run(
        h.plan({ sampler: sampler({ guidanceScale: 3, guidanceMethod: method }) }),
      );
      const first = run.ditCalls[0]!;
      expect(first.encoderDims[0]).toBe(2);
      expect(run.ditCalls).toHaveLength(4);
      // The null half carries null_condition_emb everywhere.
      expect(encoderMaskedMean(first, 1).map((v) => v.toFixed(6))).toEqual(
        [0, 1, 2, 3].map((c) => ANALYTIC.nullEmb(c).toFixed(6)),
      );
      const frames = run.output.latentFrames;
      const expected = reference(first, frames, 3, method);
      const item = run.items[0]!;
      for (const f of [0, 37, frames - 1]) {
        expect(item.left[f * ANALYTIC.hop]).toBeCloseTo(expected[f * C]!, 4);
        expect(item.right[f * ANALYTIC.hop]).toBeCloseTo(expected[f * C + 1]!, 4);
      }
    });
  }

  it('applies guidance only inside the CFG interval, and ADG differs from APG', async () => {
    const outside = await h.run(
      h.plan({ sampler: sampler({ guidanceScale: 3, cfgInterval: { start: 0.99, end: 1 } }) }),
    );
    const unguided = await h.run(h.plan({ sampler: sampler({ guidanceScale: 1 }) }));
    const apg = await h.run(h.plan({ sampler: sampler({ guidanceScale: 3 }) }));
    const adg = await h.run(
      h.plan({ sampler: sampler({ guidanceScale: 3, guidanceMethod: 'adg' }) }),
    );
    const at = 40 * ANALYTIC.hop;
    expect(adg.items[0]!.left[at]).not.toBeCloseTo(apg.items[0]!.left[at]!, 5);
    expect(unguided.ditCalls[0]!.encoderDims[0]).toBe(1);
    // Only t = 1 is inside [0.99, 1]: the result differs from no guidance, and from full guidance.
    expect(outside.items[0]!.left[at]).not.toBeCloseTo(unguided.items[0]!.left[at]!, 6);
    expect(outside.items[0]!.left[at]).not.toBeCloseTo(apg.items[0]!.left[at]!, 6);
  });
});

describe('seeds', () => {
  it('gives each batch item its own generator, reproducibly', async () => {
    const batch = await h.run(h.plan({ seeds: [11, 12], sampler: sampler({}) }));
    const single = await h.run(h.plan({ seeds: [11], sampler: sampler({}) }));
    const frames = batch.output.latentFrames;
    const size = frames * C;
    const first = batch.ditCalls[0]!.x;
    expect(first.subarray(0, size)).toEqual(cudaRandn(11, new Float32Array(size)));
    expect(first.subarray(size, 2 * size)).toEqual(cudaRandn(12, new Float32Array(size)));
    const [a, b] = batch.items;
    expect(a!.left.every((v, i) => v === single.items[0]!.left[i])).toBe(true);
    expect(a!.left.some((v, i) => v !== b!.left[i])).toBe(true);
    const fp32 = await h.run(
      h.plan({ seeds: [11], sampler: sampler({}), noise: { rounding: 'none' } }),
    );
    expect(fp32.ditCalls[0]!.x.subarray(0, size)).toEqual(
      cudaRandn(11, new Float32Array(size), { rounding: 'none' }),
    );
  });

  it('re-noises SDE steps with seed + step + 1', async () => {
    const sde = await h.run(h.plan({ seeds: [3], sampler: sampler({ solver: 'sde' }) }));
    const size = sde.output.latentFrames * C;
    const grid = times(4, 3);
    // After step 0, x = t1·ε(seed 4) + (1 − t1)·x0_hat with x0_hat = x − v·t0.
    const call0 = sde.ditCalls[0]!;
    const fresh = cudaRandn(4, new Float32Array(size));
    const x1 = sde.ditCalls[1]!.x;
    for (const i of [0, 5, size - 1]) {
      const x0 = call0.x[i]! - call0.v[i]! * grid[0]!;
      expect(x1[i]).toBeCloseTo(grid[1]! * fresh[i]! + (1 - grid[1]!) * x0, 5);
    }
  });
});

describe('invalid model output', () => {
  it('fails with a clear error when the VAE returns NaN', async () => {
    const broken = await analyticHarness({ vae: 'nan' });
    try {
      await expect(broken.run(broken.plan())).rejects.toMatchObject({
        code: 'INFERENCE_FAILED',
        message: expect.stringContaining('NaN') as unknown,
      });
    } finally {
      await broken.dispose();
    }
  });
});
