import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { qwenLmTokenizer } from '../../../../tools/fixtures/packs/qwen-vocabulary.ts';
import { openTinyLm, type TinyLm } from '../../../../tools/fixtures/packs/tiny-lm-engine.ts';
import { VALID_LANGUAGES } from '../text/prompt-templates.ts';
import { KEY_SCALES } from './cot-vocabulary.ts';
import type { CotMetadata } from './cot-yaml.ts';
import type { LmProgress } from './lm-decoder.ts';
import {
  createLmEngine,
  formatRequest,
  generateCodes,
  inspire,
  type LmEngine,
  planMetadata,
  understandCodes,
} from './lm-planner.ts';

// Heavy: the real 217,204-id vocabulary; generous limits for a loaded 2-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// The tiny random-weight LM pack with the real 217,204-id vocabulary, opened like a real one
// (library scan, session pool with contract checks): every mode must produce grammatical
// output, whatever the (random) model prefers.
let root: string;
let tiny: TinyLm;
let engine: LmEngine;
const params = { temperature: 0.85, topK: 0, topP: 0.9, repetitionPenalty: 1, cfgScale: 2 };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tiny-lm-'));
  tiny = await openTinyLm(root, {
    seed: 9,
    genres: ['pop', 'rock', 'jazz', 'lo-fi hip hop'],
    maxTokens: 2048,
    captionMaxTokens: 24,
    lyricsMaxTokens: 24,
  });
  engine = tiny.engine;
});
afterAll(async () => {
  await tiny.dispose();
  await rm(root, { recursive: true, force: true });
});

function expectValidMetadata(metadata: CotMetadata): void {
  expect(metadata.bpm).toBeGreaterThanOrEqual(30);
  expect(metadata.bpm).toBeLessThanOrEqual(300);
  expect(metadata.duration).toBeGreaterThanOrEqual(10);
  expect(metadata.duration).toBeLessThanOrEqual(600);
  expect(KEY_SCALES).toContain(metadata.keyscale);
  expect(['2', '3', '4', '6']).toContain(metadata.timesignature);
}

describe('LM planner over the tiny real-vocabulary LM', () => {
  it('generate phase 1 fills only what is missing, with CFG, reporting progress', async () => {
    const progress: LmProgress[] = [];
    const { metadata, cot } = await planMetadata(
      engine,
      {
        caption: 'dreamy synth-pop',
        lyrics: '[Verse]\nhello',
        known: { bpm: 104, timeSignature: 3 },
        useCotCaption: true,
        useCotLanguage: true,
      },
      { params, seed: 1, onProgress: (p) => progress.push(p) },
    );
    expectValidMetadata(metadata);
    expect(metadata.bpm).toBe(104);
    expect(metadata.timesignature).toBe('3');
    expect(VALID_LANGUAGES).toContain(metadata.language);
    expect(cot.startsWith('<think>\nbpm: 104\ncaption:')).toBe(true);
    expect(progress.length).toBeGreaterThan(1);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.tokens).toBeGreaterThan(progress[i - 1]!.tokens);
    }
  });

  it('generate phase 2 emits exactly duration × 5 codes per batch item, seeds differing', async () => {
    const codes = await generateCodes(
      engine,
      {
        caption: 'dreamy synth-pop',
        lyrics: '[Instrumental]',
        metadata: { bpm: 90, duration: 10, keyscale: 'C major', timesignature: '4' },
        targetCodes: 50,
        batch: 2,
      },
      { params, seed: 5 },
    );
    expect(codes).toHaveLength(2);
    expect(codes.map((c) => c.length)).toEqual([50, 50]);
    expect(codes.flat().every((c) => Number.isInteger(c) && c >= 0 && c < 64_000)).toBe(true);
    expect(codes[0]).not.toEqual(codes[1]);
  });

  it('applies per-phase temperatures (spec §6.3 rule 11)', async () => {
    const input = {
      caption: 'dreamy synth-pop',
      lyrics: '[Instrumental]',
      metadata: { bpm: 90, duration: 10, keyscale: 'C major', timesignature: '4' },
      targetCodes: 20,
      batch: 2,
    };
    // Greedy codes: both batch items agree although their seeds differ.
    const greedy = await generateCodes(engine, input, {
      params,
      seed: 5,
      phaseTemperatures: { codes: 0 },
    });
    expect(greedy[0]).toEqual(greedy[1]);
    const planned = async (seed: number) =>
      (
        await planMetadata(
          engine,
          { caption: 'x', lyrics: 'y', known: {}, useCotCaption: false, useCotLanguage: false },
          { params, seed, phaseTemperatures: { metadata: 0 } },
        )
      ).cot;
    expect(await planned(1)).toBe(await planned(2));
  });

  it('simple mode, format and understand give a full draft', async () => {
    const simple = await inspire(
      engine,
      { query: 'a rainy night', instrumental: false, language: 'ja' },
      { params, seed: 2 },
    );
    expectValidMetadata(simple.metadata);
    expect(simple.metadata.language).toBe('ja');
    expect(['pop', 'rock', 'jazz', 'lo-fi hip hop']).toContain(simple.metadata.genres);
    expect(simple.lyrics).not.toMatch(/<\|audio_code_/);
    const formatted = await formatRequest(
      engine,
      {
        caption: 'rock',
        lyrics: 'la la',
        known: { bpm: 140, durationSeconds: 75.6, keyScale: 'E minor' },
      },
      { params, seed: 3 },
    );
    expect(formatted.metadata).toMatchObject({ bpm: 140, duration: 75, keyscale: 'E minor' });
    const understood = await understandCodes(
      engine,
      { codes: [1, 2, 3, 63_999] },
      { params, seed: 4 },
    );
    expectValidMetadata(understood.metadata);
  });

  it('stops between tokens when cancelled', async () => {
    const controller = new AbortController();
    const run = generateCodes(
      engine,
      { caption: 'x', lyrics: 'y', metadata: { bpm: 90 }, targetCodes: 400 },
      {
        params,
        seed: 1,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.tokens > 20) {
            controller.abort();
          }
        },
      },
    );
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('refuses a tokenizer that does not match the graphs', () => {
    expect(() =>
      createLmEngine({
        tokenizer: qwenLmTokenizer(),
        graphs: engine.graphs,
        config: { vocab: 1000, layers: 1, kvHeads: 1, headDim: 1 },
      }),
    ).toThrow(expect.objectContaining({ code: 'MODEL_CORRUPT' }));
  });
});
