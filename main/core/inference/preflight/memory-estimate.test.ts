import { describe, expect, it } from 'vitest';

import type { InstalledComponent } from '../../models/model-library.ts';
import type { GenerationPlan } from '../pipeline/generation-plan.ts';
import { estimateMemory, requireMemory } from './memory-estimate.ts';

function component(
  id: string,
  bytes: number,
  config: Record<string, number | string>,
): InstalledComponent {
  return {
    id,
    kind: 'dit',
    dir: '/m',
    manifest: {
      schema: 'layerline.component/1',
      id,
      kind: 'dit',
      version: '1',
      contract: 1,
      precision: 'fp16',
      files: [{ path: 'a.onnx', bytes, sha256: '0'.repeat(64) }],
      graphs: {},
      data: {},
      assets: {},
      config,
    },
  };
}

// Real-model sizes (spec §2.9, §7.5): fp16 DiT 4.8 GB, VAE 0.34 GB, text encoder 1.2 GB.
const components = {
  textEncoder: component('text-encoder', 1.2e9, {}),
  dit: component('dit-base', 4.8e9, {
    hidden_size: 2048,
    heads: 16,
    latent_channels: 64,
    encoder_hidden: 2048,
  }),
  vae: component('vae', 0.34e9, { vae_hop: 1920 }),
};

const plan = (seeds: number[], guidanceScale: number) =>
  ({
    seeds,
    sampler: { guidanceScale },
    vae: { chunkFrames: 512, encodeChunkFrames: 750 },
  }) as unknown as GenerationPlan;

describe('estimateMemory', () => {
  it('counts weights, attention that grows with the square of the length, and VAE tiles', () => {
    const short = estimateMemory(plan([1], 1), 1500, components);
    expect(short.breakdown.weights).toBeCloseTo(6.34e9 * 1.1, -7);
    // One VAE activation at chunk 512 is 128 × 512 × 1920 × 4 B ≈ 0.5 GB (spec §7.5); we count 3.
    expect(short.breakdown.vaeTiles).toBe(3 * 128 * 512 * 1920 * 4);
    // 16 heads × 750² tokens × 4 B = 36 MB per layer at 60 s (spec §7.5).
    expect(short.breakdown.ditActivations).toBeGreaterThan(16 * 750 * 750 * 4);
    const long = estimateMemory(plan([1], 1), 15000, components);
    // Superlinear: 10× the length costs well over 10× (attention is quadratic).
    expect(long.breakdown.ditActivations / short.breakdown.ditActivations).toBeGreaterThan(20);
    const batch = estimateMemory(plan([1, 2, 3, 4, 5, 6, 7, 8], 7), 15000, components);
    expect(batch.breakdown.ditActivations).toBeCloseTo(16 * long.breakdown.ditActivations, -3);
  });

  it('refuses with the numbers when it does not fit', () => {
    const estimate = estimateMemory(plan([1], 1), 1500, components);
    expect(() => {
      requireMemory(estimate, { bytes: estimate.totalBytes, what: 'RAM' });
    }).not.toThrow();
    expect(() => {
      requireMemory(estimate, { bytes: 4 * 1024 ** 3, what: 'GPU memory' });
    }).toThrow(
      expect.objectContaining({
        code: 'INSUFFICIENT_MEMORY',
        message: expect.stringMatching(
          /needs about [\d.]+ GB .* only 4\.0 GB of GPU memory/,
        ) as unknown,
        details: expect.objectContaining({
          requiredBytes: estimate.totalBytes,
          availableBytes: 4 * 1024 ** 3,
        }) as unknown,
      }) as Error,
    );
  });
});
