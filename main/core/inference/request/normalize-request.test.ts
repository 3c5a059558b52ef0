import { describe, expect, it } from 'vitest';

import { GenerationRequest } from '../../../../app/generation/request.ts';
import type { InstalledComponent } from '../../models/model-library.ts';
import { normalizeRequest, resolveSeeds } from './normalize-request.ts';

const PROJECT = '00000000-0000-4000-8000-000000000001';

function component(
  id: string,
  kind: InstalledComponent['kind'],
  config: Record<string, number | string> = {},
): InstalledComponent {
  return {
    id,
    kind,
    dir: `/models/${id}`,
    manifest: {
      schema: 'layerline.component/1',
      id,
      kind,
      version: '1',
      contract: 1,
      precision: 'fp32',
      files: [],
      graphs: {},
      data: {},
      assets: {},
      config,
    },
  };
}

const text = component('text-encoder', 'text-encoder');
const vae = component('vae', 'vae');
const turbo = component('dit-turbo', 'dit', { variant: 'turbo' });
const shift1 = component('dit-turbo-shift1', 'dit', { variant: 'turbo', distilled_shift: 1 });
const base = component('dit-base', 'dit', { variant: 'base' });
const source = { path: 'scratch/src.f32', samples: 48000 * 10 };
const HASH = 'a'.repeat(64);

function normalize(input: Record<string, unknown>, installed = [text, vae, turbo, base]) {
  const request = GenerationRequest.parse({ projectId: PROJECT, ...input });
  return normalizeRequest(request, {
    scan: { root: '/models', installed, damaged: [] },
    source,
    outputDir: '/out',
    randomSeed: () => 777,
  });
}

describe('GenerationRequest', () => {
  it('fills defaults and rejects inconsistent task inputs', () => {
    const parsed = GenerationRequest.parse({ projectId: PROJECT });
    expect(parsed).toMatchObject({
      task: 'text2music',
      batchSize: 1,
      coverStrength: 1,
      guidanceMethod: 'apg',
    });
    const bad = (input: Record<string, unknown>) =>
      GenerationRequest.safeParse({ projectId: PROJECT, ...input }).success;
    expect(bad({ task: 'repaint', source: { mediaHash: HASH } })).toBe(false);
    expect(bad({ task: 'lego', source: { mediaHash: HASH } })).toBe(false);
    expect(bad({ task: 'lego', source: { mediaHash: HASH }, trackClasses: ['drums'] })).toBe(true);
    expect(bad({ task: 'complete', source: { mediaHash: HASH } })).toBe(false);
    expect(bad({ task: 'extract', trackClasses: ['vocals'] })).toBe(false);
    expect(bad({ task: 'cover', audioCodes: [1, 2] })).toBe(true);
    expect(
      bad({
        task: 'repaint',
        source: { mediaHash: HASH },
        region: { startSeconds: 3, endSeconds: 2 },
      }),
    ).toBe(false);
    expect(bad({ batchSize: 2, seeds: [1, 2, 3] })).toBe(false);
    expect(bad({ batchSize: 9 })).toBe(false);
    expect(bad({ audioCodes: [64000] })).toBe(false);
  });
});

describe('normalizeRequest', () => {
  it('uses the turbo preset with its sources and ignores guidance on turbo', () => {
    const { plan, defaults } = normalize({ guidanceScale: 7, caption: 'x' });
    expect(plan.components).toEqual({ textEncoder: 'text-encoder', dit: 'dit-turbo', vae: 'vae' });
    expect(plan.sampler).toMatchObject({ schedule: 'turbo', steps: 8, shift: 3, guidanceScale: 1 });
    expect(defaults['shift']?.source).toContain('REST API');
    expect(plan.durationSeconds).toBe(30);
    expect(plan.seeds).toEqual([777]);
  });

  it('takes a distilled shift from the checkpoint and base presets for base', () => {
    expect(normalize({ modelId: 'dit-turbo-shift1' }, [text, vae, shift1]).plan.sampler.shift).toBe(
      1,
    );
    const { plan, defaults } = normalize({ modelId: 'dit-base' });
    expect(plan.sampler).toMatchObject({ schedule: 'base', steps: 50, shift: 3, guidanceScale: 7 });
    expect(defaults['steps']?.source).toContain('model zoo');
  });

  it('refuses tasks a checkpoint cannot do, naming the model to install', () => {
    expect(() =>
      normalize({
        task: 'lego',
        modelId: 'dit-turbo',
        source: { mediaHash: HASH },
        trackClasses: ['drums'],
      }),
    ).toThrow(/needs the base DiT model \(dit-base\)/);
    expect(() =>
      normalize({ task: 'extract', source: { mediaHash: HASH }, trackClasses: ['vocals'] }, [
        text,
        vae,
        turbo,
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'MODEL_MISSING',
        details: { component: 'dit-base', task: 'extract' },
      }) as Error,
    );
    // Without a model named, a capable installed one is chosen.
    expect(
      normalize({ task: 'lego', source: { mediaHash: HASH }, trackClasses: ['drums'] }).plan
        .components.dit,
    ).toBe('dit-base');
    expect(() => normalize({}, [text, turbo])).toThrow(
      expect.objectContaining({ code: 'MODEL_MISSING', details: { component: 'vae' } }) as Error,
    );
  });

  it('resolves seeds: explicit, continued, or random', () => {
    expect(resolveSeeds([5], 3, () => 1)).toEqual([5, 6, 7]);
    expect(resolveSeeds([5, 9], 3, () => 1)).toEqual([5, 9, 10]);
    let n = 0;
    expect(resolveSeeds(undefined, 2, () => ++n)).toEqual([1, 2]);
  });

  it('carries instrumental lyrics, language, metadata, codes and region', () => {
    const { plan } = normalize({
      instrumental: true,
      language: 'ja',
      metadata: { bpm: 90, timeSignature: 3, keyScale: 'A minor' },
      task: 'repaint',
      source: { mediaHash: HASH },
      region: { startSeconds: -2, endSeconds: 4 },
    });
    expect(plan.prompt).toMatchObject({
      lyrics: '[Instrumental]',
      language: 'ja',
      metas: { bpm: 90, timeSignature: 3, keyScale: 'A minor' },
    });
    expect(plan.region).toEqual({ startSeconds: -2, endSeconds: 4 });
    expect(plan.source).toEqual(source);
    expect(plan.durationSeconds).toBeUndefined();
    expect(() => normalize({ language: 'xx' })).toThrow(/not a vocal language/);
    expect(() => normalize({ modelId: 'dit-base', timesteps: [1, 0.5] })).toThrow(
      /turbo models only/,
    );
    expect(
      normalize({ timesteps: [0.97, 0.5, 0] }).plan.sampler.timesteps?.map((t) => t.toFixed(3)),
    ).toEqual(['0.955', '0.500']);
  });
});
