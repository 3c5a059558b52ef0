/**
 * Token ids for the DiT's text side: the caption prompt for the text encoder (at most 256
 * tokens) and the lyric prompt for the embedding lookup (at most 2,048 tokens), spec §2.1-§2.2.
 *
 * The reference tokenizes with `truncation=True, max_length=N` and a post-processor that appends
 * `<|endoftext|>`: the content is cut to N-1 tokens and the end-of-text id is appended after the
 * cut, so every sequence ends with 151,643 (the template's own literal `<|endoftext|>` is a
 * second one, lost only when the content is cut).
 */
import { QWEN_SPECIAL_IDS, type QwenTokenizer } from './qwen-tokenizer.ts';

/** Maximum caption-prompt length in tokens, appended end-of-text included. */
export const CAPTION_MAX_TOKENS = 256;
/** Maximum lyric-prompt length in tokens, appended end-of-text included. */
export const LYRIC_MAX_TOKENS = 2048;

/** Ids of `prompt` cut to `maxTokens - 1`, then the end-of-text id appended. */
export function encodeWithEndOfText(
  tokenizer: QwenTokenizer,
  prompt: string,
  maxTokens: number,
): number[] {
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new RangeError(`maxTokens must be a positive integer, got ${maxTokens}`);
  }
  const ids = tokenizer.encode(prompt.length === 0 ? ' ' : prompt);
  const content = ids.length > maxTokens - 1 ? ids.slice(0, maxTokens - 1) : ids;
  content.push(QWEN_SPECIAL_IDS.endOfText);
  return content;
}

/** Caption-prompt ids for the text encoder (≤ 256, ends with end-of-text). */
export function encodeCaptionPrompt(tokenizer: QwenTokenizer, prompt: string): number[] {
  return encodeWithEndOfText(tokenizer, prompt, CAPTION_MAX_TOKENS);
}

/** Lyric-prompt ids for the embedding lookup (≤ 2,048, ends with end-of-text). */
export function encodeLyricPrompt(tokenizer: QwenTokenizer, prompt: string): number[] {
  return encodeWithEndOfText(tokenizer, prompt, LYRIC_MAX_TOKENS);
}

/** A right-padded int64 batch `[batch, tokens]` with its 1/0 attention mask. */
export interface PaddedIds {
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  batch: number;
  tokens: number;
}

/**
 * Pads sequences on the right to the longest one ("longest" padding, as the reference does),
 * with `padId` (Qwen's pad token is `<|endoftext|>`, 151,643).
 */
export function padRight(
  sequences: readonly (readonly number[])[],
  padId: number = QWEN_SPECIAL_IDS.endOfText,
): PaddedIds {
  const batch = sequences.length;
  const tokens = Math.max(1, ...sequences.map((ids) => ids.length));
  const inputIds = new BigInt64Array(batch * tokens).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(batch * tokens);
  sequences.forEach((ids, row) => {
    ids.forEach((id, column) => {
      inputIds[row * tokens + column] = BigInt(id);
      attentionMask[row * tokens + column] = 1n;
    });
  });
  return { inputIds, attentionMask, batch, tokens };
}
