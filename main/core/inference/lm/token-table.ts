/**
 * Per-token facts about the LM vocabulary that constrained decoding needs, precomputed once per
 * tokenizer as typed arrays so the per-token path never inspects strings.
 *
 * Qwen's vocabulary is byte-level: every byte maps to one printable code point (GPT-2 table),
 * so a token's string shows its bytes: `Ġ` = space, `ĉ` = tab, `Ċ` = newline, `č` = CR.
 */
import {
  AUDIO_CODE_BASE_ID,
  AUDIO_CODE_VALID_COUNT,
  QWEN_SPECIAL_IDS,
  type QwenTokenizer,
} from '../text/qwen-tokenizer.ts';

const SPACE = 'Ġ';
const TAB = 'ĉ';
const NEWLINE = 'Ċ';
const CARRIAGE_RETURN = 'č';

/** Flags per token id (bit set), plus the ids the decoder treats specially. */
export interface LmTokenTable {
  readonly vocabSize: number;
  /** First id of `<|audio_code_0|>`; codes 0..63,999 are `[codeStart, codeEnd)`. */
  readonly codeStart: number;
  readonly codeEnd: number;
  /** End-of-sequence for the codes phase (the tokenizer's eos_token, `<|im_end|>` in Qwen3). */
  readonly eosId: number;
  /** Ids that end generation in free phases. */
  readonly stopIds: readonly number[];
  readonly newlineId: number;
  /** 1 where a token may not appear in free YAML text (caption, genres): see `buildTokenTable`. */
  readonly textBlocked: Uint8Array;
  /** 1 where a token's text ends with exactly one newline (and has no other). */
  readonly endsLine: Uint8Array;
  /** 1 where a token starts with a space or tab and has no newline (a YAML continuation). */
  readonly startsBlank: Uint8Array;
  /** 1 where a token starts with a space and has no newline (a value's first token). */
  readonly startsSpace: Uint8Array;
  /** 1 for ids free text after `</think>` may not use (audio codes, pad-like added tokens). */
  readonly freeBlocked: Uint8Array;
}

/**
 * Builds the table. `textBlocked` marks backticks (spec §6.3 rule 5), every added/special token
 * (ids from 151,643: end-of-text, chat markers, think tags, audio codes) and tokens holding a
 * newline anywhere but as their single last character or a carriage return.
 */
export function buildTokenTable(tokenizer: QwenTokenizer): LmTokenTable {
  const vocabSize = tokenizer.vocabSize;
  const textBlocked = new Uint8Array(vocabSize);
  const endsLine = new Uint8Array(vocabSize);
  const startsBlank = new Uint8Array(vocabSize);
  const startsSpace = new Uint8Array(vocabSize);
  for (let id = 0; id < vocabSize; id++) {
    const token = id < QWEN_SPECIAL_IDS.endOfText ? tokenizer.idToToken(id) : undefined;
    if (token === undefined) {
      textBlocked[id] = 1;
      continue;
    }
    const newlineAt = token.indexOf(NEWLINE);
    const badNewline =
      newlineAt >= 0 && (newlineAt !== token.length - 1 || token.indexOf(NEWLINE) !== newlineAt);
    if (token.includes('`') || token.includes(CARRIAGE_RETURN) || badNewline) {
      textBlocked[id] = 1;
      continue;
    }
    if (newlineAt >= 0) {
      endsLine[id] = 1;
    } else if (token.startsWith(SPACE)) {
      startsBlank[id] = 1;
      startsSpace[id] = 1;
    } else if (token.startsWith(TAB)) {
      startsBlank[id] = 1;
    }
  }
  const codeStart = AUDIO_CODE_BASE_ID;
  const freeBlocked = new Uint8Array(vocabSize);
  freeBlocked.fill(1, Math.min(codeStart, vocabSize));
  const eosId = resolveEos(tokenizer);
  for (const id of [QWEN_SPECIAL_IDS.endOfText, QWEN_SPECIAL_IDS.imEnd, eosId]) {
    freeBlocked[id] = 0;
  }
  const newlineId = singleToken(tokenizer, '\n');
  return {
    vocabSize,
    codeStart,
    codeEnd: Math.min(codeStart + AUDIO_CODE_VALID_COUNT, vocabSize),
    eosId,
    stopIds: [...new Set([eosId, QWEN_SPECIAL_IDS.endOfText, QWEN_SPECIAL_IDS.imEnd])],
    newlineId,
    textBlocked,
    endsLine,
    startsBlank,
    startsSpace,
    freeBlocked,
  };
}

/** The tokenizer's eos_token id (config `eos_token`), `<|im_end|>` when unset. */
function resolveEos(tokenizer: QwenTokenizer): number {
  const eos = tokenizer.config['eos_token'];
  const name =
    typeof eos === 'string'
      ? eos
      : typeof eos === 'object' && eos !== null && 'content' in eos
        ? String(eos.content)
        : '<|im_end|>';
  return tokenizer.tokenToId(name) ?? QWEN_SPECIAL_IDS.imEnd;
}

/** The id of a string that must be one token. */
export function singleToken(tokenizer: QwenTokenizer, text: string): number {
  const ids = tokenizer.encode(text);
  if (ids.length !== 1 || ids[0] === undefined) {
    throw new Error(`expected ${JSON.stringify(text)} to be one token, got ${ids.length}`);
  }
  return ids[0];
}
