/**
 * Thinking through the contract, as the studio wires it: compose builds the LM runtime over the
 * inference process (so lm.* answer), generation.start runs the tiny random-weight LM before
 * the analytic DiT, and each batch item follows its own LM codes.
 */
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { JobFinished, JobProgressed } from '../../app/contract/jobs.ts';
import type { GenerationResult } from '../../app/generation/result.ts';
import type { ProjectId } from '../../app/model/ids.ts';
import { SongDraft } from '../../app/model/song-draft.ts';
import type { Services } from '../../main/core/compose.ts';
import { writeAnalyticPack } from '../../tools/fixtures/packs/analytic-pack.ts';
import { qwenTokenizerFiles } from '../../tools/fixtures/packs/qwen-vocabulary.ts';
import { writeTinyLmPack } from '../../tools/fixtures/packs/tiny-lm-pack.ts';
import { dispatchJob, openInferenceServices } from '../helpers/inference-services.ts';
import { makeTempDir, removeDir } from '../helpers/temp-dir.ts';

let root: string;
let services: Services;
let projectId: ProjectId;

function job(
  method: 'generation.start' | 'lm.inspire',
  params: Record<string, unknown>,
): Promise<{ finished: JobFinished; progress: JobProgressed[] }> {
  return dispatchJob(services, method, params);
}

beforeAll(async () => {
  root = await makeTempDir('layerline-thinking-');
  const dataDir = join(root, 'data');
  const modelsDir = join(dataDir, 'models');
  await writeAnalyticPack(modelsDir, { tokenizerFiles: qwenTokenizerFiles() });
  await writeTinyLmPack(modelsDir, {
    id: 'lm-0.6b',
    seed: 4,
    maxTokens: 2048,
    captionMaxTokens: 12,
    lyricsMaxTokens: 12,
  });
  services = await openInferenceServices(dataDir, root);
  projectId = (await services.library.create({ name: 'Thinking' })).projectId;
}, 120_000);

afterAll(async () => {
  await services.dispose();
  await removeDir(root);
});

describe('the LM in the studio', () => {
  it('answers lm.inspire once compose has built the runtime', async () => {
    const { finished } = await job('lm.inspire', { query: 'a sea shanty', seed: 3 });
    expect(finished.status).toBe('succeeded');
    expect(SongDraft.safeParse(finished.result).success).toBe(true);
  });

  it('thinks before the DiT: each item follows its own codes, the LM language reaches the DiT', async () => {
    const { finished, progress } = await job('generation.start', {
      projectId,
      caption: 'warm jazz trio',
      instrumental: true,
      durationSeconds: 4,
      batchSize: 2,
      seeds: [11],
      thinking: true,
      useCotMetas: true,
      useCotCaption: false,
      useCotLanguage: true,
    });
    expect(finished.error).toBeNull();
    const result = finished.result as GenerationResult;
    expect(progress[0]?.phase).toBe('plan');
    const thinking = result.provenance.resolved['thinking'] as {
      phases: string[];
      seed: number;
      language: string | null;
      lmId: string;
    };
    expect(thinking).toMatchObject({ phases: ['metadata', 'codes'], seed: 11, lmId: 'lm-0.6b' });
    expect(result.provenance.models.map((model) => model.id)).toContain('lm-0.6b');
    const prompt = result.provenance.resolved['prompt'] as { language: string };
    expect(prompt.language).toBe(thinking.language ?? 'unknown');

    expect(result.items.map((item) => item.seed)).toEqual([11, 12]);
    const audio: {
      wav: { left: Float32Array };
      codes: number[];
      peak: number;
      item: GenerationResult['items'][number];
    }[] = [];
    for (const item of result.items) {
      const stored = services.library.session(projectId).audio.get(item.mediaHash);
      expect(stored.origin).toBe('generated');
      const provenance = services.library.session(projectId).store.audio.get(item.mediaHash)
        ?.provenance as { resolved: { audioCodes: number[] } };
      // duration × 5 codes, each five latent frames of 1920 samples.
      expect(provenance.resolved.audioCodes).toHaveLength(20);
      const [left] = await services.library.session(projectId).audio.read(item.mediaHash);
      const wav = { left };
      expect(wav.left.length).toBe(4 * 48_000);
      audio.push({ wav, codes: provenance.resolved.audioCodes, peak: item.peak, item });
    }
    // The analytic DiT lands on detokenize(codes) + h, h the same for both items (same prompt):
    // item audio × its normalisation = (code − 32000) / 100 + h over each code's 9600 samples.
    const scale = (entry: (typeof audio)[number]) => (entry.item.normalized ? entry.peak : 1);
    const [first, second] = audio as [(typeof audio)[number], (typeof audio)[number]];
    const h = first.wav.left[0]! * scale(first) - (first.codes[0]! - 32_000) / 100;
    for (const entry of [first, second]) {
      for (const k of [0, 7, 19]) {
        const sample = entry.wav.left[k * 9600 + 4800]! * scale(entry);
        expect(sample).toBeCloseTo((entry.codes[k]! - 32_000) / 100 + h, 3);
      }
    }
    expect(first.codes).not.toEqual(second.codes);
  });
});
