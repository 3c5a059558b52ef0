/**
 * Prompt text to token ids for the text encoder (caption) and the embedding lookup (lyrics).
 * The default uses the text-encoder component's Qwen3 tokenizer with the reference's
 * end-of-text handling (text/text-encoder-inputs.ts), cut to the component's
 * max_caption_tokens / max_lyric_tokens. A pipeline takes the encoder as a dependency, so other
 * vocabularies (test packs) plug in without touching the pipeline.
 */
import type { ComponentConfig } from '../contract/io-contract.ts';
import type { QwenTokenizer } from '../text/qwen-tokenizer.ts';
import {
  CAPTION_MAX_TOKENS,
  encodeWithEndOfText,
  LYRIC_MAX_TOKENS,
} from '../text/text-encoder-inputs.ts';

export interface PromptEncoder {
  /** Ids of the caption prompt (spec §3.1), end-of-text appended. */
  caption(prompt: string): number[];
  /** Ids of the lyric prompt (spec §3.2), end-of-text appended. */
  lyric(prompt: string): number[];
}

function limit(config: ComponentConfig, key: string, fallback: number): number {
  const value = config[key];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

export function qwenPromptEncoder(
  tokenizer: QwenTokenizer,
  config: ComponentConfig,
): PromptEncoder {
  const captionMax = limit(config, 'max_caption_tokens', CAPTION_MAX_TOKENS);
  const lyricMax = limit(config, 'max_lyric_tokens', LYRIC_MAX_TOKENS);
  return {
    caption: (prompt) => encodeWithEndOfText(tokenizer, prompt, captionMax),
    lyric: (prompt) => encodeWithEndOfText(tokenizer, prompt, lyricMax),
  };
}
