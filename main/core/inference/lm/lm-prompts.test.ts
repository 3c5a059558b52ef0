import { describe, expect, it, vi } from 'vitest';

import {
  qwenChatTemplate,
  qwenLmTokenizer,
  qwenTokenizerConfig,
} from '../../../../tools/fixtures/packs/qwen-vocabulary.ts';
import { QWEN_SPECIAL_IDS } from '../text/qwen-tokenizer.ts';
import {
  codesPrompt,
  codesUncondPrompt,
  formatPrompt,
  generatePrompt,
  generateUncondPrompt,
  inspirePrompt,
  LmChatTemplate,
  lmChatTemplate,
  understandPrompt,
} from './lm-prompts.ts';

// Heavy: the real 217,204-id vocabulary; generous limits for a loaded 2-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// Expected strings: the token layout spec §6.1 gives (verified there against acestep.cpp), and
// for the assistant turns the output of Python's jinja2 3.1 (the engine HF's
// apply_chat_template uses, trim_blocks/lstrip_blocks) on the same Qwen3 template text.
const GEN = 'Generate audio semantic tokens based on the given conditions:';
const head = (instruction: string): string =>
  `<|im_start|>system\n# Instruction\n${instruction}\n\n<|im_end|>\n`;
const template = new LmChatTemplate(qwenChatTemplate(), qwenTokenizerConfig());

describe('LM prompts from the Qwen3 chat template', () => {
  it('renders generate phase 1 and its unconditional prompt', () => {
    expect(generatePrompt(template, { caption: 'calm piano', lyrics: '[Instrumental]' })).toBe(
      `${head(GEN)}<|im_start|>user\n# Caption\ncalm piano\n\n# Lyric\n[Instrumental]\n<|im_end|>\n<|im_start|>assistant\n`,
    );
    expect(generateUncondPrompt(template, { lyrics: 'la la' })).toBe(
      `${head(GEN)}<|im_start|>user\n# Lyric\nla la\n<|im_end|>\n<|im_start|>assistant\n`,
    );
    expect(generateUncondPrompt(template, { lyrics: 'la', negative: 'noisy' })).toContain(
      'user\n# Caption\nnoisy\n\n# Lyric\nla\n<|im_end|>',
    );
    expect(generateUncondPrompt(template, { lyrics: 'la', negative: 'NO USER INPUT' })).toContain(
      'user\n# Lyric\nla\n',
    );
  });

  it('renders generate phase 2 with the CoT as the assistant turn', () => {
    const user = '<|im_start|>user\n# Caption\ncalm piano\n\n# Lyric\n[Instrumental]\n<|im_end|>\n';
    expect(
      codesPrompt(template, {
        caption: 'calm piano',
        lyrics: '[Instrumental]',
        cot: '<think>\nbpm: 90\n</think>',
      }),
    ).toBe(`${head(GEN)}${user}<|im_start|>assistant\n<think>\nbpm: 90\n</think>\n\n<|im_end|>\n`);
    expect(codesUncondPrompt(template, { caption: 'calm piano', lyrics: '[Instrumental]' })).toBe(
      `${head(GEN)}${user}<|im_start|>assistant\n<think>\n\n</think>\n\n<|im_end|>\n`,
    );
  });

  it('renders inspire, format and understand', () => {
    expect(inspirePrompt(template, { query: 'a sad song about rain', instrumental: false })).toBe(
      head("Expand the user's input into a more detailed and specific musical description:") +
        '<|im_start|>user\na sad song about rain\n\ninstrumental: false<|im_end|>\n<|im_start|>assistant\n',
    );
    expect(inspirePrompt(template, { query: ' ', instrumental: true })).toContain(
      'user\nNO USER INPUT\n\ninstrumental: true<|im_end|>',
    );
    expect(formatPrompt(template, { caption: '', lyrics: '' })).toContain(
      'user\n# Caption\nNO USER INPUT\n\n# Lyric\n[Instrumental]<|im_end|>',
    );
    expect(understandPrompt(template, { codes: [3, 63_999] })).toBe(
      head(
        'Understand the given musical conditions and describe the audio semantics accordingly:',
      ) +
        '<|im_start|>user\n<|audio_code_3|><|audio_code_63999|><|im_end|>\n<|im_start|>assistant\n',
    );
  });

  it('tokenizes to the chat markers and audio-code ids of the LM vocabulary', () => {
    const tokenizer = qwenLmTokenizer();
    const ids = tokenizer.encode(understandPrompt(lmChatTemplate(tokenizer), { codes: [0, 7] }));
    expect(ids[0]).toBe(QWEN_SPECIAL_IDS.imStart);
    expect(ids).toContain(151_669);
    expect(ids).toContain(151_676);
    expect(ids.slice(-3)).toEqual([QWEN_SPECIAL_IDS.imStart, ...tokenizer.encode('assistant\n')]);
  });

  it('types a missing or broken template', () => {
    expect(() => new LmChatTemplate('{% if %}')).toThrow(
      expect.objectContaining({ code: 'MODEL_CORRUPT' }),
    );
    const noTemplate = { ...qwenLmTokenizer(), config: {} };
    expect(() => lmChatTemplate(noTemplate)).toThrow(
      expect.objectContaining({ code: 'MODEL_CORRUPT' }),
    );
  });
});
