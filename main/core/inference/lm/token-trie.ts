/**
 * Prefix trees of token-id sequences (spec §6.3 rule 3): the allowed continuations of an
 * enumerated value (bpm, duration, key/scale, time signature, language, genres). Each node's
 * children are stored as an Int32Array so the decoder hands them to the sampler as they are.
 */
import type { QwenTokenizer } from '../text/qwen-tokenizer.ts';

export interface TrieNode {
  /** Child token ids, ascending; index i leads to `next[i]`. */
  readonly ids: Int32Array;
  readonly next: readonly TrieNode[];
  /** A complete value ends here (the newline is allowed). */
  readonly terminal: boolean;
}

interface MutableNode {
  children: Map<number, MutableNode>;
  terminal: boolean;
}

/** Builds a frozen trie from token sequences. Empty sequences mark the root terminal. */
export function buildTrie(sequences: Iterable<readonly number[]>): TrieNode {
  const root: MutableNode = { children: new Map(), terminal: false };
  for (const sequence of sequences) {
    let node = root;
    for (const id of sequence) {
      let child = node.children.get(id);
      if (child === undefined) {
        child = { children: new Map(), terminal: false };
        node.children.set(id, child);
      }
      node = child;
    }
    node.terminal = true;
  }
  return freeze(root);
}

function freeze(node: MutableNode): TrieNode {
  const entries = [...node.children.entries()].sort((a, b) => a[0] - b[0]);
  return {
    ids: Int32Array.from(entries.map(([id]) => id)),
    next: entries.map(([, child]) => freeze(child)),
    terminal: node.terminal,
  };
}

/** The child reached by `id`, or undefined. Binary search over the sorted ids. */
export function trieChild(node: TrieNode, id: number): TrieNode | undefined {
  let low = 0;
  let high = node.ids.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = node.ids[middle] ?? 0;
    if (value === id) {
      return node.next[middle];
    }
    if (value < id) {
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return undefined;
}

/**
 * Token ids of `value` as it appears after `field:` in the CoT: tokenize `"{field}: {value}"`
 * and strip the tokens of `"{field}:"` (spec §6.3 rule 3), so the value carries its leading
 * space exactly as the model sees it in context.
 */
export function valueTokens(tokenizer: QwenTokenizer, field: string, value: string): number[] {
  const head = tokenizer.encode(`${field}:`);
  const full = tokenizer.encode(`${field}: ${value}`);
  for (let i = 0; i < head.length; i++) {
    if (full[i] !== head[i]) {
      throw new Error(`"${field}: ${value}" does not start with the tokens of "${field}:"`);
    }
  }
  return full.slice(head.length);
}

/** A trie of the values of one field, each tokenized in context. */
export function buildValueTrie(
  tokenizer: QwenTokenizer,
  field: string,
  values: Iterable<string>,
): TrieNode {
  const sequences: number[][] = [];
  for (const value of values) {
    sequences.push(valueTokens(tokenizer, field, value));
  }
  return buildTrie(sequences);
}
