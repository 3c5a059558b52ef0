/**
 * The Qwen3 byte-level BPE tokenizer, read from a checkpoint's own `tokenizer.json` and
 * `tokenizer_config.json` and run by `@huggingface/tokenizers` (a maintained implementation; we
 * never hand-write BPE). The same class serves the text encoder (Qwen3-Embedding, 151,669 ids)
 * and the 5 Hz LM (217,204 ids: the same text vocabulary plus 65,535 `<|audio_code_N|>` tokens).
 *
 * `encode` never runs the checkpoint's post-processor: callers that need an appended
 * end-of-text token (the text-encoder prompts, spec §2.1) add it explicitly, so the result does
 * not depend on whether a checkpoint's `tokenizer.json` appends one itself.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import * as tokenizersModule from '@huggingface/tokenizers';

import { StudioError } from '../../../../app/errors.ts';

/** Special token ids of the Qwen3 vocabulary (spec §2.7, §14). */
export const QWEN_SPECIAL_IDS = {
  endOfText: 151_643,
  imStart: 151_644,
  imEnd: 151_645,
  thinkStart: 151_667,
  thinkEnd: 151_668,
} as const;

/** Id of `<|audio_code_0|>` in the LM vocabulary, and how many code tokens follow it. */
export const AUDIO_CODE_BASE_ID = 151_669;
export const AUDIO_CODE_TOKEN_COUNT = 65_535;
/** Only codes 0..63,999 are valid FSQ indices (spec §2.7). */
export const AUDIO_CODE_VALID_COUNT = 64_000;

/**
 * The part of `@huggingface/tokenizers`' Tokenizer we use. The package's type declarations use
 * extension-less relative re-exports that `nodenext` resolution cannot follow, so the surface is
 * restated here (same signatures as its `types/core/Tokenizer.d.ts`).
 */
interface HfTokenizer {
  encode(text: string, options?: { add_special_tokens?: boolean }): { ids: number[] };
  decode(
    ids: number[],
    options?: { skip_special_tokens?: boolean; clean_up_tokenization_spaces?: boolean | null },
  ): string;
  token_to_id(token: string): number | undefined;
  id_to_token(id: number): string | undefined;
  get_vocab(withAddedTokens?: boolean): Map<string, number>;
}
const HfTokenizerClass = (
  tokenizersModule as unknown as { Tokenizer: new (json: object, config: object) => HfTokenizer }
).Tokenizer;

/** A loaded Qwen tokenizer. Ids are plain numbers; encode adds no special tokens. */
export interface QwenTokenizer {
  /** Token ids of `text`; special tokens written literally (e.g. `<|endoftext|>`) are recognised. */
  encode(text: string): number[];
  /** Text of `ids`; special tokens are kept unless `skipSpecialTokens`. */
  decode(ids: ArrayLike<number>, options?: { skipSpecialTokens?: boolean }): string;
  tokenToId(token: string): number | undefined;
  idToToken(id: number): string | undefined;
  /** One past the largest id (vocabulary plus added tokens). */
  readonly vocabSize: number;
  /** The raw `tokenizer_config.json` (chat_template, eos_token, ...). */
  readonly config: Readonly<Record<string, unknown>>;
}

/** Builds a tokenizer from parsed `tokenizer.json` and `tokenizer_config.json` objects. */
export function createQwenTokenizer(
  tokenizerJson: unknown,
  tokenizerConfig: unknown,
): QwenTokenizer {
  const json = requireObject(tokenizerJson, 'tokenizer.json');
  const config = requireObject(tokenizerConfig, 'tokenizer_config.json');
  const model = json['model'];
  if (typeof model !== 'object' || model === null || (model as { type?: unknown }).type !== 'BPE') {
    throw new StudioError('MODEL_CORRUPT', 'tokenizer.json does not describe a BPE tokenizer.');
  }
  let tokenizer: HfTokenizer;
  try {
    tokenizer = new HfTokenizerClass(json, config);
  } catch (error) {
    throw new StudioError('MODEL_CORRUPT', 'tokenizer.json could not be loaded.', undefined, {
      cause: error,
    });
  }
  let maxId = -1;
  for (const id of tokenizer.get_vocab(true).values()) {
    maxId = Math.max(maxId, id);
  }
  return {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
    decode: (ids, options) =>
      tokenizer.decode(Array.from(ids), {
        skip_special_tokens: options?.skipSpecialTokens ?? false,
        clean_up_tokenization_spaces: false,
      }),
    tokenToId: (token) => tokenizer.token_to_id(token),
    idToToken: (id) => tokenizer.id_to_token(id),
    vocabSize: maxId + 1,
    config,
  };
}

/** Reads `tokenizer.json` and `tokenizer_config.json` from a component folder. */
export async function loadQwenTokenizer(dir: string): Promise<QwenTokenizer> {
  const [json, config] = await Promise.all([
    readJson(join(dir, 'tokenizer.json')),
    readJson(join(dir, 'tokenizer_config.json')),
  ]);
  return createQwenTokenizer(json, config);
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new StudioError(
      'MODEL_MISSING',
      `A tokenizer file is missing: ${path}`,
      { path },
      {
        cause: error,
      },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new StudioError(
      'MODEL_CORRUPT',
      `A tokenizer file is not valid JSON: ${path}`,
      { path },
      {
        cause: error,
      },
    );
  }
}

function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StudioError('MODEL_CORRUPT', `${what} is not a JSON object.`);
  }
  return value as Record<string, unknown>;
}
