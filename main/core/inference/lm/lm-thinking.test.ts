import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { openTinyLm, type TinyLm } from '../../../../tools/fixtures/packs/tiny-lm-engine.ts';
import { lmRole, think, type ThinkingInput, thinkingPhases } from './lm-thinking.ts';

// Heavy: the real 217,204-id vocabulary; generous limits for a loaded 2-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const FLAGS = { thinking: true, useCotMetas: true, useCotCaption: true, useCotLanguage: true };
const BASE: ThinkingInput = {
  ...FLAGS,
  task: 'text2music',
  caption: 'dreamy synth-pop',
  lyrics: '[Verse]\nneon lights',
  instrumental: false,
  batch: 1,
};

describe('which LM phases a request runs (spec §6.6, §12 items 23-24)', () => {
  it('skips the LM for cover and repaint', () => {
    expect(lmRole('cover', FLAGS)).toBe('skip');
    expect(lmRole('repaint', FLAGS)).toBe('skip');
    expect(thinkingPhases({ ...BASE, task: 'cover' })).toEqual([]);
  });

  it('never writes codes for lego, extract or complete: metadata only', () => {
    for (const task of ['lego', 'extract', 'complete'] as const) {
      expect(lmRole(task, FLAGS)).toBe('metadata');
      expect(thinkingPhases({ ...BASE, task })).toEqual(['metadata']);
    }
  });

  it('runs phase 1 only for missing metadata and phase 2 only with thinking and no user codes', () => {
    expect(thinkingPhases(BASE)).toEqual(['metadata', 'codes']);
    const allGiven = {
      ...BASE,
      bpm: 120,
      timeSignature: 4,
      keyScale: 'C major',
      durationSeconds: 30,
    };
    expect(thinkingPhases(allGiven)).toEqual(['codes']);
    expect(thinkingPhases({ ...BASE, audioCodes: [1, 2, 3] })).toEqual(['metadata']);
    expect(thinkingPhases({ ...BASE, thinking: false })).toEqual(['metadata']);
    expect(
      thinkingPhases({
        ...BASE,
        thinking: false,
        useCotMetas: false,
        useCotCaption: false,
        useCotLanguage: false,
      }),
    ).toEqual([]);
  });
});

describe('thinking over the tiny LM', () => {
  let root: string;
  let tiny: TinyLm;
  const params = { temperature: 0.85, topK: 0, topP: 0.9, repetitionPenalty: 1, cfgScale: 2 };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'lm-think-'));
    tiny = await openTinyLm(root, { seed: 6, maxTokens: 2048, captionMaxTokens: 16 });
  });
  afterAll(async () => {
    await tiny.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('fills only what the user left empty and writes duration × 5 codes per item', async () => {
    const result = await think(
      tiny.engine,
      { ...BASE, bpm: 96, durationSeconds: 12, batch: 2 },
      { params, seed: 11 },
    );
    expect(result.phases).toEqual(['metadata', 'codes']);
    expect(result.bpm).toBe(96);
    expect(result.durationSeconds).toBe(12);
    expect(result.keyScale).toMatch(/^[A-G][#b♯♭]? (major|minor)$/);
    expect([2, 3, 4, 6]).toContain(result.timeSignature);
    expect(result.cot).toMatch(/^<think>\nbpm: 96\ncaption: /);
    expect(result.audioCodes?.map((codes) => codes.length)).toEqual([60, 60]);
  });

  it('leaves source tasks without codes', async () => {
    const result = await think(
      tiny.engine,
      { ...BASE, task: 'lego' },
      {
        params,
        seed: 2,
      },
    );
    expect(result.phases).toEqual(['metadata']);
    expect(result.audioCodes).toBeUndefined();
    expect(result.bpm).toBeGreaterThanOrEqual(30);
  });
});
