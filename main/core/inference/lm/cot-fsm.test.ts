import { beforeAll, describe, expect, it, vi } from 'vitest';

import { qwenLmTokenizer } from '../../../../tools/fixtures/packs/qwen-vocabulary.ts';
import { VALID_LANGUAGES } from '../text/prompt-templates.ts';
import { AUDIO_CODE_BASE_ID, QWEN_SPECIAL_IDS } from '../text/qwen-tokenizer.ts';
import { CotFsm, type CotPlan } from './cot-fsm.ts';
import {
  buildCotVocabulary,
  COT_FIELDS,
  type CotVocabulary,
  KEY_SCALES,
  TIME_SIGNATURES,
} from './cot-vocabulary.ts';
import { parseLmOutput } from './cot-yaml.ts';
import { SeededRandom } from './seeded-random.ts';
import { constraintAllows, type TokenConstraint } from './token-constraint.ts';
import { TokenSampler } from './token-sampler.ts';
import type { TrieNode } from './token-trie.ts';

// Heavy: the real 217,204-id vocabulary; generous limits for a loaded 2-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let vocabulary: CotVocabulary;
const GENRES = ['pop', 'synth-pop', 'hip hop', 'lo-fi', 'k-pop', 'drum and bass'];

beforeAll(() => {
  vocabulary = buildCotVocabulary(qwenLmTokenizer(), GENRES);
});

/** Every token sequence a trie accepts (paths to terminal nodes). */
function trieValues(node: TrieNode, prefix: number[] = []): number[][] {
  const out: number[][] = node.terminal ? [prefix] : [];
  node.ids.forEach((id, i) => {
    const child = node.next[i];
    if (child !== undefined) {
      out.push(...trieValues(child, [...prefix, id]));
    }
  });
  return out;
}

/** Runs an FSM to completion, choosing tokens with `pick`. */
function run(plan: CotPlan, pick: (c: TokenConstraint, step: number) => number): number[] {
  const fsm = new CotFsm(vocabulary, plan);
  const ids: number[] = [];
  for (let step = 0; !fsm.done; step++) {
    const constraint = fsm.constraint();
    const id = pick(constraint, step);
    expect(constraintAllows(constraint, id)).toBe(true);
    fsm.advance(id);
    ids.push(id);
    if (step > 20_000) {
      throw new Error('runaway decode');
    }
  }
  return ids;
}

/** A sampler fed random logits: a pre-drawn buffer read at a random offset each step. */
function randomLogitsPicker(seed: number): (c: TokenConstraint) => number {
  const vocab = vocabulary.table.vocabSize;
  const random = new SeededRandom(seed);
  const buffer = new Float32Array(vocab * 2);
  for (let i = 0; i < buffer.length; i++) {
    buffer[i] = (random.next() - 0.5) * 20;
  }
  const sampler = new TokenSampler(vocab);
  const params = { temperature: 1, topK: 0, topP: 0.95, repetitionPenalty: 1, cfgScale: 1 };
  return (constraint) =>
    sampler.sample(
      buffer,
      Math.floor(random.next() * vocab),
      -1,
      constraint,
      params,
      undefined,
      random,
    );
}

const decode = (ids: number[]): string => vocabulary.tokenizer.decode(ids);

describe('prefix trees admit exactly the valid values', () => {
  const cases: [Parameters<CotVocabulary['valueTrie']>[0], string[]][] = [
    ['bpm', Array.from({ length: 271 }, (_, i) => String(30 + i))],
    ['duration', Array.from({ length: 591 }, (_, i) => String(10 + i))],
    ['keyscale', [...KEY_SCALES]],
    ['timesignature', TIME_SIGNATURES.map(String)],
    ['language', [...VALID_LANGUAGES]],
  ];
  it.each(cases)('%s', (field, values) => {
    const decoded = trieValues(vocabulary.valueTrie(field)).map((ids) => decode(ids));
    expect(decoded.sort()).toEqual(values.map((v) => ` ${v}`).sort());
  });

  it('caps duration at a lower maximum', () => {
    const decoded = trieValues(vocabulary.valueTrie('duration', 240)).map((ids) => decode(ids));
    expect(decoded).toHaveLength(231);
    expect(decoded).not.toContain(' 241');
  });

  it('has 70 key/scales', () => {
    expect(new Set(KEY_SCALES).size).toBe(70);
  });
});

describe('CoT decoding token by token', () => {
  const generatePlan: CotPlan = {
    fields: ['bpm', 'caption', 'duration', 'keyscale', 'language', 'timesignature'],
    after: 'stop',
    captionMaxTokens: 64,
  };

  it('forces the layout and the alphabetical field order', () => {
    const ids = run(generatePlan, randomLogitsPicker(1));
    expect(ids[0]).toBe(QWEN_SPECIAL_IDS.thinkStart);
    expect(ids.at(-1)).toBe(QWEN_SPECIAL_IDS.thinkEnd);
    const text = decode(ids);
    const keys = [...text.matchAll(/^([a-z]+):/gm)].map((m) => m[1]);
    expect(keys).toEqual(['bpm', 'caption', 'duration', 'keyscale', 'language', 'timesignature']);
    expect(text).toMatch(/^<think>\nbpm: \d+\ncaption: [^`]*\nduration: \d+\nkeyscale: /);
  });

  it('never leaves the grammar under random logits (property)', () => {
    for (let seed = 10; seed < 14; seed++) {
      const plan: CotPlan = {
        fields: [...COT_FIELDS],
        after: seed % 2 === 0 ? 'codes' : 'free',
        targetCodes: 40,
        captionMaxTokens: 48,
        freeMaxTokens: 64,
      };
      const ids = run(plan, randomLogitsPicker(seed));
      const text = decode(ids);
      const { metadata } = parseLmOutput(text);
      expect(metadata.bpm).toBeGreaterThanOrEqual(30);
      expect(metadata.bpm).toBeLessThanOrEqual(300);
      expect(metadata.duration).toBeGreaterThanOrEqual(10);
      expect(metadata.duration).toBeLessThanOrEqual(600);
      expect(KEY_SCALES).toContain(metadata.keyscale);
      expect(['2', '3', '4', '6']).toContain(metadata.timesignature);
      expect(VALID_LANGUAGES).toContain(metadata.language);
      expect(GENRES).toContain(metadata.genres);
      expect(metadata.caption ?? '').not.toContain('`');
      const thinkEnd = ids.indexOf(QWEN_SPECIAL_IDS.thinkEnd);
      const tail = ids.slice(thinkEnd + 1);
      if (plan.after === 'codes') {
        expect(tail.slice(0, -1).every((id) => id >= AUDIO_CODE_BASE_ID)).toBe(true);
        expect(tail).toHaveLength(41);
        expect(tail.at(-1)).toBe(vocabulary.table.eosId);
      } else {
        expect(tail.every((id) => id < AUDIO_CODE_BASE_ID)).toBe(true);
      }
    }
  });

  it('reproduces injected values exactly', () => {
    const plan: CotPlan = {
      ...generatePlan,
      injected: { bpm: '128', keyscale: 'F# minor', duration: '95', timesignature: '3' },
    };
    for (const seed of [2, 3]) {
      const { metadata } = parseLmOutput(decode(run(plan, randomLogitsPicker(seed))));
      expect(metadata).toMatchObject({
        bpm: 128,
        keyscale: 'F# minor',
        duration: 95,
        timesignature: '3',
      });
    }
  });

  it('skips caption and language when asked', () => {
    const text = decode(
      run(
        { fields: ['bpm', 'duration', 'keyscale', 'timesignature'], after: 'stop' },
        randomLogitsPicker(4),
      ),
    );
    expect(text).not.toContain('caption:');
    expect(text).not.toContain('language:');
  });

  it('picks the language greedily at its first token', () => {
    const fsm = new CotFsm(vocabulary, { fields: ['language'], after: 'stop' });
    fsm.advance(QWEN_SPECIAL_IDS.thinkStart);
    fsm.advance(vocabulary.table.newlineId);
    for (const id of vocabulary.fieldName('language')) {
      fsm.advance(id);
    }
    const constraint = fsm.constraint();
    expect(constraint.kind === 'only' && constraint.greedy).toBe(true);
  });

  it('lets a caption continue on an indented line, then forces the next field', () => {
    const tokenizer = vocabulary.tokenizer;
    const script = tokenizer.encode(' A calm piano\n  and strings\n');
    const durationFirst = vocabulary.fieldName('duration')[0] ?? -1;
    let at = 0;
    const ids = run({ fields: ['caption', 'duration'], after: 'stop' }, (constraint) => {
      const wanted = script[at];
      if (wanted !== undefined && constraintAllows(constraint, wanted) && at < script.length) {
        at++;
        return wanted;
      }
      if (constraintAllows(constraint, durationFirst)) {
        return durationFirst;
      }
      return constraint.kind === 'only' ? (constraint.ids[0] ?? 0) : vocabulary.table.newlineId;
    });
    const text = decode(ids);
    expect(text).toContain('caption: A calm piano\n  and strings\nduration: ');
    expect(parseLmOutput(text).metadata.caption).toBe('A calm piano and strings');
  });

  it('forces a newline once the caption reaches its cap', () => {
    const plan: CotPlan = { fields: ['caption', 'duration'], after: 'stop', captionMaxTokens: 8 };
    const word = vocabulary.tokenizer.encode(' la')[0] ?? 0;
    const ids = run(plan, (constraint) =>
      constraintAllows(constraint, word)
        ? word
        : constraint.kind === 'only'
          ? (constraint.ids[0] ?? 0)
          : 0,
    );
    expect(parseLmOutput(decode(ids)).metadata.caption).toBe(Array(8).fill('la').join(' '));
  });
});

describe('the codes phase', () => {
  it('emits exactly the target count, end-of-sequence forced', () => {
    const ids = run({ fields: [], after: 'codes', codesOnly: true, targetCodes: 25 }, (c) =>
      // A model that always wants to stop: end-of-sequence whenever allowed.
      constraintAllows(c, vocabulary.table.eosId) ? vocabulary.table.eosId : AUDIO_CODE_BASE_ID + 5,
    );
    expect(ids).toHaveLength(26);
    expect(ids.slice(0, 25).every((id) => id === AUDIO_CODE_BASE_ID + 5)).toBe(true);
    expect(ids.at(-1)).toBe(vocabulary.table.eosId);
  });

  it('admits only valid codes 0..63,999 and stops at the cap without a target', () => {
    const fsm = new CotFsm(vocabulary, {
      fields: [],
      after: 'codes',
      codesOnly: true,
      maxCodes: 3,
    });
    const c = fsm.constraint();
    expect(constraintAllows(c, AUDIO_CODE_BASE_ID + 63_999)).toBe(true);
    expect(constraintAllows(c, AUDIO_CODE_BASE_ID + 64_000)).toBe(false);
    expect(constraintAllows(c, 9707)).toBe(false);
    expect(constraintAllows(c, vocabulary.table.eosId)).toBe(true);
    fsm.advance(AUDIO_CODE_BASE_ID);
    fsm.advance(AUDIO_CODE_BASE_ID);
    fsm.advance(AUDIO_CODE_BASE_ID);
    expect(fsm.constraint()).toMatchObject({
      kind: 'only',
      ids: Int32Array.of(vocabulary.table.eosId),
    });
    expect(() => {
      fsm.advance(AUDIO_CODE_BASE_ID);
    }).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});
