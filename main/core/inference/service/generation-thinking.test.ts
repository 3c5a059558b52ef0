import { describe, expect, it } from 'vitest';

import { GenerationRequest } from '../../../../app/generation/request.ts';
import type { InstalledComponent, ModelLibraryScan } from '../../models/model-library.ts';
import type { ThinkingInput, ThinkingResult } from '../lm/lm-thinking.ts';
import { type GenerationLm, thinkForRequest, wantsThinking } from './generation-thinking.ts';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const HASH = 'a'.repeat(64);

function lmComponent(id: string): InstalledComponent {
  return {
    id,
    kind: 'lm',
    dir: `/models/${id}`,
    manifest: {
      schema: 'layerline.component/1',
      id,
      kind: 'lm',
      version: '1',
      contract: 1,
      precision: 'fp32',
      files: [],
      graphs: {},
      data: {},
      assets: {},
      config: {},
    },
  };
}

const withLm: ModelLibraryScan = {
  root: '/models',
  installed: [lmComponent('lm-0.6b'), lmComponent('lm-1.7b')],
  damaged: [],
};
const withoutLm: ModelLibraryScan = { root: '/models', installed: [], damaged: [] };

/** A fake LM that answers `answer` and records what it was asked. */
function fakeLm(answer: Partial<ThinkingResult>) {
  const calls: { input: ThinkingInput; seed: number | undefined; lmId: string | undefined }[] = [];
  const lm: GenerationLm = {
    think: (input, sampling, _control, options) => {
      calls.push({ input, seed: sampling.seed, lmId: options?.lmId });
      return Promise.resolve({ phases: ['metadata'], caption: input.caption, ...answer });
    },
  };
  return { lm, calls };
}

const control = { signal: new AbortController().signal, progress: () => undefined };
const request = (input: Record<string, unknown>) =>
  GenerationRequest.parse({ projectId: PROJECT, ...input });
const think = (r: GenerationRequest, lm: GenerationLm | null, scan = withLm) =>
  thinkForRequest(r, { lm, scan, seeds: [41, 42], control });

describe('thinking in generation.start', () => {
  it('never runs the LM for cover and repaint, or when nothing is asked', async () => {
    const { lm, calls } = fakeLm({ caption: 'LM caption' });
    const flags = { thinking: true, useCotMetas: true, useCotCaption: true };
    for (const r of [
      request({ task: 'cover', source: { mediaHash: HASH }, ...flags }),
      request({
        task: 'repaint',
        source: { mediaHash: HASH },
        region: { startSeconds: 1, endSeconds: 2 },
        ...flags,
      }),
      request({ caption: 'plain' }),
    ]) {
      expect(wantsThinking(r)).toBe(false);
      const thought = await think(r, lm);
      expect(thought.request).toBe(r);
      expect(thought.thinking).toBeNull();
    }
    expect(calls).toHaveLength(0);
  });

  it('fills only what the user left out, and the LM language reaches the request', async () => {
    const { lm, calls } = fakeLm({
      caption: 'a dreamy synth-pop song',
      bpm: 96,
      keyScale: 'E minor',
      timeSignature: 3,
      durationSeconds: 75,
      language: 'ja',
    });
    const r = request({
      caption: 'synth pop',
      metadata: { bpm: 120 },
      useCotMetas: true,
      useCotCaption: true,
      useCotLanguage: true,
    });
    const thought = await think(r, lm);
    expect(thought.request).toMatchObject({
      caption: 'a dreamy synth-pop song',
      language: 'ja',
      metadata: { bpm: 120, keyScale: 'E minor', timeSignature: 3 },
      durationSeconds: 75,
    });
    expect(thought.thinking).toMatchObject({ lmId: 'lm-1.7b', seed: 41, language: 'ja' });
    expect(calls[0]).toMatchObject({ lmId: 'lm-1.7b', seed: 41, input: { bpm: 120 } });
  });

  it('keeps the user language and ignores one the model does not know', async () => {
    const given = await think(
      request({ language: 'fr', useCotLanguage: true, useCotMetas: true }),
      fakeLm({ language: 'ja' }).lm,
    );
    expect(given.request.language).toBe('fr');
    const unknown = await think(
      request({ useCotLanguage: true, useCotMetas: true }),
      fakeLm({ language: 'klingon' }).lm,
    );
    expect(unknown.request.language).toBeUndefined();
  });

  it('gives lego, extract and complete metadata only, even when the LM answers codes', async () => {
    const { lm, calls } = fakeLm({ phases: ['metadata'], bpm: 100, audioCodes: [[1, 2, 3]] });
    for (const task of ['lego', 'extract', 'complete'] as const) {
      const r = request({
        task,
        source: { mediaHash: HASH },
        trackClasses: ['drums'],
        thinking: true,
        useCotMetas: true,
      });
      const thought = await think(r, lm);
      expect(thought.request.audioCodes).toBeUndefined();
      expect(thought.itemAudioCodes).toBeUndefined();
      expect(thought.request.metadata.bpm).toBe(100);
      // The source sets the length of these tasks; the LM may not.
      expect(thought.request.durationSeconds).toBeUndefined();
    }
    expect(calls.map((call) => call.input.task)).toEqual(['lego', 'extract', 'complete']);
    expect(calls.every((call) => call.input.durationSeconds === undefined)).toBe(true);
  });

  it('drives text2music with the codes: one list as audioCodes, several per item', async () => {
    const one = await think(
      request({ thinking: true, durationSeconds: 2 }),
      fakeLm({ phases: ['codes'], audioCodes: [[5, 6, 7, 8, 9, 10, 11, 12, 13, 14]] }).lm,
    );
    expect(one.request.audioCodes).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(one.request.durationSeconds).toBeUndefined();
    expect(one.itemAudioCodes).toBeUndefined();
    const two = await think(
      request({ thinking: true, batchSize: 2 }),
      fakeLm({
        phases: ['codes'],
        audioCodes: [
          [1, 2],
          [3, 4, 5],
        ],
      }).lm,
    );
    expect(two.itemAudioCodes).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    await expect(
      think(request({ thinking: true, batchSize: 2 }), fakeLm({ audioCodes: [[1]] }).lm),
    ).rejects.toMatchObject({ code: 'INFERENCE_FAILED' });
  });

  it('fails clearly without an LM runtime or an installed LM', async () => {
    const r = request({ thinking: true });
    await expect(think(r, null)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(think(r, fakeLm({}).lm, withoutLm)).rejects.toMatchObject({
      code: 'MODEL_MISSING',
      details: { component: 'lm-1.7b' },
    });
  });
});
