/**
 * The constrained-decoding state machine of the 5 Hz LM (spec §6.3), token by token over token
 * ids. It forces the CoT layout `<think>\n` → `field: value\n` in alphabetical field order →
 * `</think>`, restricts enumerated values to their prefix trees, reproduces user values
 * exactly, keeps the caption free but YAML-shaped, then runs the tail: stop (phase 1), audio
 * codes until the target count (phase 2), or free text without audio codes (understand modes).
 *
 * Differences from the reference, by design: fixed strings are forced in their canonical
 * tokenization, and after a caption line ends the next field name is forced (the reference lets
 * the model write it and re-syncs on ':'); both keep every output inside the grammar.
 */
import { StudioError } from '../../../../app/errors.ts';
import { QWEN_SPECIAL_IDS } from '../text/qwen-tokenizer.ts';
import { COT_FIELDS, type CotField, type CotVocabulary } from './cot-vocabulary.ts';
import {
  constraintAllows,
  forced,
  maskConstraint,
  rangeConstraint,
  type TokenConstraint,
} from './token-constraint.ts';
import { trieChild, type TrieNode, valueTokens } from './token-trie.ts';

/** What one decode should produce. */
export interface CotPlan {
  /** Fields to write, a subset of COT_FIELDS (kept in COT_FIELDS order). Ignored in codes-only. */
  fields: readonly CotField[];
  /** Values the user gave: forced as `" {value}\n"` (spec §6.3 rule 7). */
  injected?: Partial<Record<CotField, string>> | undefined;
  /** After `</think>`: stop (phase 1), audio codes (phase 2) or free text (understand modes). */
  after: 'stop' | 'codes' | 'free';
  /** The prompt already ends the CoT: decode audio codes straight away (spec rule 9). */
  codesOnly?: boolean | undefined;
  /** Codes to emit before end-of-sequence is allowed, then forced (e.g. duration × 5). */
  targetCodes?: number | undefined;
  /** Upper bound on codes when no target is set (end-of-sequence forced there). */
  maxCodes?: number | undefined;
  /** Duration values allowed up to this (default 600). */
  maxDurationSeconds?: number | undefined;
  /** Caption length cap in tokens, newline forced after (default 512). */
  captionMaxTokens?: number | undefined;
  /** Free-text tail cap in tokens (default 2,048). */
  freeMaxTokens?: number | undefined;
}

type Segment =
  | { kind: 'fixed'; ids: readonly number[] }
  | { kind: 'trie'; root: TrieNode; greedyFirst: boolean }
  | { kind: 'caption' }
  | { kind: 'line'; maxTokens: number }
  | { kind: 'codes' }
  | { kind: 'free' }
  | { kind: 'stop' };

const GENRES_LINE_MAX_TOKENS = 64;

/** One decode's state machine; `constraint()` then `advance(id)` for every token. */
export class CotFsm {
  private readonly segments: Segment[];
  private index = 0;
  private offset = 0;
  private node: TrieNode | undefined;
  private valueTokenCount = 0;
  private lineStart = true;
  private afterNewline = false;
  private codes = 0;
  private freeTokens = 0;
  private finished = false;
  private readonly newlineOnly: TokenConstraint;
  private readonly constraints: FixedConstraints;
  private readonly afterNewlineIds = new Map<number, Int32Array>();

  private readonly vocabulary: CotVocabulary;
  private readonly plan: CotPlan;

  constructor(vocabulary: CotVocabulary, plan: CotPlan) {
    this.vocabulary = vocabulary;
    this.plan = plan;
    this.segments = buildSegments(vocabulary, plan);
    this.newlineOnly = forced(vocabulary.table.newlineId);
    this.constraints = fixedConstraints(vocabulary);
    this.enter();
  }

  /** True once the decode is complete (stop reached, end-of-sequence emitted, or a cap hit). */
  get done(): boolean {
    return this.finished;
  }

  /** Audio codes emitted so far. */
  get codesEmitted(): number {
    return this.codes;
  }

  /** The phase for progress reporting. */
  get phase(): 'metadata' | 'codes' | 'free' | 'done' {
    if (this.finished) {
      return 'done';
    }
    const kind = this.current().kind;
    return kind === 'codes' ? 'codes' : kind === 'free' ? 'free' : 'metadata';
  }

  /** The allowed ids at the current position. */
  constraint(): TokenConstraint {
    if (this.finished) {
      throw new StudioError('INTERNAL', 'The LM grammar is complete; nothing more may be decoded.');
    }
    const segment = this.current();
    const table = this.vocabulary.table;
    switch (segment.kind) {
      case 'fixed':
        return forced(segment.ids[this.offset] ?? 0);
      case 'trie': {
        const node = this.node ?? segment.root;
        if (node.ids.length === 0) {
          return this.newlineOnly;
        }
        const ids = node.terminal ? withId(node.ids, table.newlineId) : node.ids;
        return { kind: 'only', ids, greedy: segment.greedyFirst && node === segment.root };
      }
      case 'caption':
      case 'line':
        return this.textConstraint(segment);
      case 'codes':
        return this.codesConstraint();
      case 'free':
        return this.freeTokens >= (this.plan.freeMaxTokens ?? 2048)
          ? this.constraints.eos
          : this.constraints.freeText;
      case 'stop':
        throw new StudioError('INTERNAL', 'The LM grammar reached its stop.');
    }
  }

  /** Moves past `id`; throws INTERNAL when `id` was not allowed (a sampler bug). */
  advance(id: number): void {
    const constraint = this.constraint();
    if (!constraintAllows(constraint, id)) {
      throw new StudioError('INTERNAL', `Token ${id} is outside the LM grammar here.`, { id });
    }
    const segment = this.current();
    switch (segment.kind) {
      case 'fixed':
        this.offset++;
        if (this.offset >= segment.ids.length) {
          this.next();
        }
        return;
      case 'trie':
        this.advanceTrie(segment, id);
        return;
      case 'caption':
      case 'line':
        this.advanceText(segment, id);
        return;
      case 'codes':
        if (id === this.vocabulary.table.eosId) {
          this.finished = true;
        } else {
          this.codes++;
        }
        return;
      case 'free':
        this.freeTokens++;
        if (this.vocabulary.table.stopIds.includes(id)) {
          this.finished = true;
        }
        return;
      case 'stop':
        return;
    }
  }

  private current(): Segment {
    return this.segments[this.index] ?? { kind: 'stop' };
  }

  private next(): void {
    this.index++;
    this.offset = 0;
    this.enter();
  }

  /** Resets per-segment state; reaching `stop` finishes the decode. */
  private enter(): void {
    const segment = this.current();
    this.node = segment.kind === 'trie' ? segment.root : undefined;
    this.valueTokenCount = 0;
    this.lineStart = true;
    this.afterNewline = false;
    if (segment.kind === 'stop') {
      this.finished = true;
    }
  }

  private advanceTrie(segment: Extract<Segment, { kind: 'trie' }>, id: number): void {
    const node = this.node ?? segment.root;
    if (id === this.vocabulary.table.newlineId && (node.terminal || node.ids.length === 0)) {
      this.next();
      return;
    }
    this.node = trieChild(node, id);
  }

  private textConstraint(segment: Extract<Segment, { kind: 'caption' | 'line' }>): TokenConstraint {
    const vocabulary = this.vocabulary;
    if (this.lineStart) {
      return { kind: 'only', ids: vocabulary.valueStartIds, greedy: false };
    }
    if (this.afterNewline) {
      return { kind: 'only', ids: this.continuationOrNextField(), greedy: false };
    }
    const cap =
      segment.kind === 'caption' ? (this.plan.captionMaxTokens ?? 512) : segment.maxTokens;
    if (this.valueTokenCount >= cap) {
      return this.newlineOnly;
    }
    return this.constraints.yamlText;
  }

  private advanceText(segment: Extract<Segment, { kind: 'caption' | 'line' }>, id: number): void {
    const table = this.vocabulary.table;
    const cap =
      segment.kind === 'caption' ? (this.plan.captionMaxTokens ?? 512) : segment.maxTokens;
    if (this.afterNewline && id === this.nextFieldFirstId()) {
      this.next();
      this.offset = 1;
      if (this.offset >= (this.fixedIds()?.length ?? 0)) {
        this.next();
      }
      return;
    }
    this.lineStart = false;
    this.afterNewline = false;
    this.valueTokenCount++;
    if (table.endsLine[id] === 1) {
      if (segment.kind === 'line') {
        this.next();
      } else if (this.valueTokenCount > cap) {
        this.next();
      } else {
        this.afterNewline = true;
      }
    }
  }

  private fixedIds(): readonly number[] | undefined {
    const segment = this.current();
    return segment.kind === 'fixed' ? segment.ids : undefined;
  }

  private nextFieldFirstId(): number {
    const following = this.segments[this.index + 1];
    return following?.kind === 'fixed' ? (following.ids[0] ?? -1) : -1;
  }

  /** Continuation tokens plus the first token of the next field name. */
  private continuationOrNextField(): Int32Array {
    const first = this.nextFieldFirstId();
    let ids = this.afterNewlineIds.get(first);
    if (ids === undefined) {
      ids =
        first < 0
          ? this.vocabulary.continuationIds
          : withId(this.vocabulary.continuationIds, first);
      this.afterNewlineIds.set(first, ids);
    }
    return ids;
  }

  private codesConstraint(): TokenConstraint {
    const fixed = this.constraints;
    const target = this.plan.targetCodes;
    if (target !== undefined) {
      return this.codes >= target ? fixed.eos : fixed.codes;
    }
    if (this.codes >= (this.plan.maxCodes ?? Number.POSITIVE_INFINITY)) {
      return fixed.eos;
    }
    return fixed.codesOrEos;
  }
}

/** The large constraints, built once per vocabulary so no token allocates one. */
interface FixedConstraints {
  readonly eos: TokenConstraint;
  readonly codes: TokenConstraint;
  readonly codesOrEos: TokenConstraint;
  readonly yamlText: TokenConstraint;
  readonly freeText: TokenConstraint;
}

const fixedByVocabulary = new WeakMap<CotVocabulary, FixedConstraints>();

function fixedConstraints(vocabulary: CotVocabulary): FixedConstraints {
  let fixed = fixedByVocabulary.get(vocabulary);
  if (fixed === undefined) {
    const table = vocabulary.table;
    fixed = {
      eos: forced(table.eosId),
      codes: rangeConstraint(table.codeStart, table.codeEnd),
      codesOrEos: rangeConstraint(table.codeStart, table.codeEnd, table.eosId),
      yamlText: maskConstraint(table.textBlocked),
      freeText: maskConstraint(table.freeBlocked),
    };
    fixedByVocabulary.set(vocabulary, fixed);
  }
  return fixed;
}

/** `ids` (ascending) with `id` inserted in order. */
function withId(ids: Int32Array, id: number): Int32Array {
  if (ids.includes(id)) {
    return ids;
  }
  const out = new Int32Array(ids.length + 1);
  let j = 0;
  let placed = false;
  for (const value of ids) {
    if (!placed && id < value) {
      out[j++] = id;
      placed = true;
    }
    out[j++] = value;
  }
  if (!placed) {
    out[j] = id;
  }
  return out;
}

/** The segment program of a plan. */
function buildSegments(vocabulary: CotVocabulary, plan: CotPlan): Segment[] {
  if (plan.codesOnly === true) {
    return [{ kind: 'codes' }, { kind: 'stop' }];
  }
  const { tokenizer, table } = vocabulary;
  const segments: Segment[] = [
    { kind: 'fixed', ids: [QWEN_SPECIAL_IDS.thinkStart, table.newlineId] },
  ];
  for (const field of COT_FIELDS) {
    if (!plan.fields.includes(field)) {
      continue;
    }
    segments.push({ kind: 'fixed', ids: vocabulary.fieldName(field) });
    const injected = plan.injected?.[field];
    if (injected !== undefined) {
      segments.push({ kind: 'fixed', ids: valueTokens(tokenizer, field, `${injected}\n`) });
      continue;
    }
    segments.push(valueSegment(vocabulary, plan, field));
  }
  segments.push({ kind: 'fixed', ids: [QWEN_SPECIAL_IDS.thinkEnd] });
  segments.push(
    plan.after === 'codes'
      ? { kind: 'codes' }
      : plan.after === 'free'
        ? { kind: 'free' }
        : { kind: 'stop' },
  );
  segments.push({ kind: 'stop' });
  return segments;
}

function valueSegment(vocabulary: CotVocabulary, plan: CotPlan, field: CotField): Segment {
  switch (field) {
    case 'caption':
      return { kind: 'caption' };
    case 'genres': {
      const trie = vocabulary.genresTrie();
      return trie === undefined
        ? { kind: 'line', maxTokens: GENRES_LINE_MAX_TOKENS }
        : { kind: 'trie', root: trie, greedyFirst: false };
    }
    case 'language':
      return { kind: 'trie', root: vocabulary.valueTrie('language'), greedyFirst: true };
    case 'bpm':
    case 'duration':
    case 'keyscale':
    case 'timesignature':
      return {
        kind: 'trie',
        root: vocabulary.valueTrie(field, plan.maxDurationSeconds),
        greedyFirst: false,
      };
  }
}
