/**
 * The value domains of the chain-of-thought fields (spec §6.2) and their prefix trees over one
 * tokenizer, built once per loaded LM and shared by every decode.
 */
import { VALID_LANGUAGES } from '../text/prompt-templates.ts';
import type { QwenTokenizer } from '../text/qwen-tokenizer.ts';
import { buildTokenTable, type LmTokenTable } from './token-table.ts';
import { buildValueTrie, type TrieNode } from './token-trie.ts';

/** CoT fields in the order the model writes them (alphabetical, `yaml.dump(sort_keys=True)`). */
export const COT_FIELDS = [
  'bpm',
  'caption',
  'duration',
  'genres',
  'keyscale',
  'language',
  'timesignature',
] as const;
export type CotField = (typeof COT_FIELDS)[number];

export const BPM_RANGE = { min: 30, max: 300 } as const;
export const DURATION_RANGE = { min: 10, max: 600 } as const;
export const TIME_SIGNATURES = [2, 3, 4, 6] as const;

/** The 70 key/scale strings: note A-G × {"", #, b, ♯, ♭} × {major, minor}. */
export const KEY_SCALES: readonly string[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].flatMap((note) =>
  ['', '#', 'b', '♯', '♭'].flatMap((accidental) =>
    ['major', 'minor'].map((mode) => `${note}${accidental} ${mode}`),
  ),
);

function integers(min: number, max: number): string[] {
  return Array.from({ length: max - min + 1 }, (_, i) => String(min + i));
}

/** Tokenizer-bound tables for constrained decoding. */
export interface CotVocabulary {
  readonly tokenizer: QwenTokenizer;
  readonly table: LmTokenTable;
  /** Tokens of `"{field}:"`. */
  fieldName(field: CotField): readonly number[];
  /** The prefix tree of a field's values (duration capped at `maxDuration`). */
  valueTrie(field: Exclude<CotField, 'caption' | 'genres'>, maxDuration?: number): TrieNode;
  /** A trie over lower-cased genre names, or undefined without a vocabulary. */
  genresTrie(): TrieNode | undefined;
  /** Ids that may open a caption value (start with a space, no newline, not blocked). */
  readonly valueStartIds: Int32Array;
  /** Ids that continue a YAML value on an indented line. */
  readonly continuationIds: Int32Array;
}

/** Builds the vocabulary; `genres` is the checkpoint's genres list when it ships one. */
export function buildCotVocabulary(
  tokenizer: QwenTokenizer,
  genres?: readonly string[],
): CotVocabulary {
  const table = buildTokenTable(tokenizer);
  const names = new Map<CotField, readonly number[]>();
  const tries = new Map<string, TrieNode>();
  let genreTrie: TrieNode | undefined | null = null;
  const collect = (flags: Uint8Array): Int32Array => {
    const ids: number[] = [];
    for (let id = 0; id < table.vocabSize; id++) {
      if (flags[id] === 1 && table.textBlocked[id] === 0) {
        ids.push(id);
      }
    }
    return Int32Array.from(ids);
  };
  return {
    tokenizer,
    table,
    fieldName(field) {
      let ids = names.get(field);
      if (ids === undefined) {
        ids = tokenizer.encode(`${field}:`);
        names.set(field, ids);
      }
      return ids;
    },
    valueTrie(field, maxDuration = DURATION_RANGE.max) {
      const key = field === 'duration' ? `duration:${maxDuration}` : field;
      let trie = tries.get(key);
      if (trie === undefined) {
        trie = buildValueTrie(tokenizer, field, domainOf(field, maxDuration));
        tries.set(key, trie);
      }
      return trie;
    },
    genresTrie() {
      if (genreTrie === null) {
        const list = (genres ?? []).map((g) => g.trim().toLowerCase()).filter((g) => g !== '');
        genreTrie = list.length === 0 ? undefined : buildValueTrie(tokenizer, 'genres', list);
      }
      return genreTrie;
    },
    valueStartIds: collect(table.startsSpace),
    continuationIds: collect(table.startsBlank),
  };
}

function domainOf(
  field: Exclude<CotField, 'caption' | 'genres'>,
  maxDuration: number,
): readonly string[] {
  switch (field) {
    case 'bpm':
      return integers(BPM_RANGE.min, BPM_RANGE.max);
    case 'duration':
      return integers(DURATION_RANGE.min, Math.max(DURATION_RANGE.min, Math.trunc(maxDuration)));
    case 'keyscale':
      return KEY_SCALES;
    case 'language':
      return VALID_LANGUAGES;
    case 'timesignature':
      return TIME_SIGNATURES.map(String);
  }
}
