/**
 * The LM planner through the real inference process: a forked child running the "lm" task over
 * the tiny random-weight LM pack (real 217,204-id vocabulary) and, for audio understanding, the
 * analytic DiT/VAE pack's VAE encoder and audio tokenizer.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { noopLogger } from '../../app/log.ts';
import { SongDraft } from '../../app/model/song-draft.ts';
import { InferenceLmRuntime } from '../../main/core/inference/lm/inference-lm-runtime.ts';
import type { LmJobProgress } from '../../main/core/inference/lm/lm-handlers.ts';
import { InferenceClient } from '../../main/core/inference/process/inference-client.ts';
import { scanModelLibrary } from '../../main/core/models/model-library.ts';
import { forkChannel } from '../../main/core/process/child-process-channel.ts';
import { writeAnalyticPack } from '../../tools/fixtures/packs/analytic-pack.ts';
import { qwenTokenizerFiles } from '../../tools/fixtures/packs/qwen-vocabulary.ts';
import { writeTinyLmPack } from '../../tools/fixtures/packs/tiny-lm-pack.ts';
import { committedContract, IO_CONTRACT_PATH } from '../helpers/io-contract.ts';
import { makeTempDir, removeDir } from '../helpers/temp-dir.ts';

const CHILD = fileURLToPath(new URL('../fixtures/inference-test-child.ts', import.meta.url));

let root: string;
let client: InferenceClient;
let runtime: InferenceLmRuntime;

function control(progress: LmJobProgress[] = [], signal = new AbortController().signal) {
  return { signal, progress: (p: LmJobProgress) => progress.push(p) };
}

beforeAll(async () => {
  root = await makeTempDir('layerline-lm-process-');
  const modelsDir = join(root, 'models');
  await writeAnalyticPack(modelsDir, { tokenizerFiles: qwenTokenizerFiles() });
  await writeTinyLmPack(modelsDir, {
    id: 'lm-0.6B',
    seed: 8,
    maxTokens: 2048,
    captionMaxTokens: 16,
    lyricsMaxTokens: 16,
  });
  client = new InferenceClient({
    channel: () => forkChannel(CHILD),
    init: { contractPath: IO_CONTRACT_PATH, providers: ['cpu'], intraOpThreads: 1 },
    log: noopLogger,
    cancelGraceMs: 3000,
  });
  const contract = await committedContract();
  runtime = new InferenceLmRuntime({
    client,
    modelsDir,
    tempDir: join(root, 'tmp'),
    scan: () => scanModelLibrary(modelsDir, { contract }),
  });
}, 120_000);

afterAll(async () => {
  await client.dispose();
  await removeDir(root);
});

describe('the LM in the inference process', () => {
  it('runs simple mode with load and plan progress', async () => {
    const progress: LmJobProgress[] = [];
    const draft = await runtime.inspire(
      { query: 'a quiet lullaby', instrumental: false, language: 'fr', seed: 5 },
      control(progress),
    );
    expect(SongDraft.parse(draft).language).toBe('fr');
    expect(draft.bpm).toBeGreaterThanOrEqual(30);
    expect(progress.some((p) => p.phase === 'load')).toBe(true);
    expect(progress.some((p) => p.phase === 'plan' && p.fraction > 0)).toBe(true);
  });

  it('understands audio through the VAE encoder and the audio tokenizer', async () => {
    const seconds = 4;
    const audio = {
      left: new Float32Array(48_000 * seconds),
      right: new Float32Array(48_000 * seconds),
    };
    audio.left.fill(0.2);
    audio.right.fill(-0.1);
    const progress: LmJobProgress[] = [];
    const draft = await runtime.understand({ audio, seed: 2 }, control(progress));
    expect(draft.durationSeconds).toBeGreaterThanOrEqual(10);
    expect(
      progress
        .filter((p) => p.phase === 'encode')
        .map((p) => p.fraction)
        .at(-1),
    ).toBe(1);
  });

  it('thinks for text2music: metadata for what is missing, exactly duration × 5 codes', async () => {
    const result = await runtime.think(
      {
        task: 'text2music',
        caption: 'warm jazz trio',
        lyrics: '',
        instrumental: true,
        durationSeconds: 8,
        keyScale: 'D minor',
        batch: 1,
        thinking: true,
        useCotMetas: true,
        useCotCaption: true,
        useCotLanguage: false,
      },
      { seed: 3, cfgScale: 2 },
      control(),
    );
    expect(result.phases).toEqual(['metadata', 'codes']);
    expect(result.keyScale).toBe('D minor');
    expect(result.audioCodes?.[0]).toHaveLength(40);
  });

  it('cancels between tokens', async () => {
    const controller = new AbortController();
    const run = runtime.think(
      {
        task: 'text2music',
        caption: 'long',
        lyrics: '',
        instrumental: true,
        durationSeconds: 300,
        bpm: 100,
        timeSignature: 4,
        keyScale: 'C major',
        batch: 1,
        thinking: true,
        useCotMetas: true,
        useCotCaption: false,
        useCotLanguage: false,
      },
      { seed: 1 },
      {
        signal: controller.signal,
        progress: (p) => {
          if (p.phase === 'plan' && (p.step ?? 0) > 30) {
            controller.abort();
          }
        },
      },
    );
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
