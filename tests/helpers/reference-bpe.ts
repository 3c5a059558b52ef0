/**
 * A deliberately plain byte-level BPE written from the algorithm's definition (GPT-2 style:
 * regex pre-split, bytes mapped to printable code points, lowest-rank merge first). Tests use it
 * as an implementation independent of the library the app runs; it is slow and never used by
 * the app.
 */
interface ReferenceBpeData {
  vocab: Map<string, number>;
  ranks: Map<string, number>;
  added: { content: string; id: number }[];
  pattern: RegExp;
  byteToChar: string[];
}

/** GPT-2's reversible byte → code point table: printable bytes map to themselves. */
function byteToCharTable(): string[] {
  const table: string[] = new Array<string>(256);
  const printable = (b: number): boolean =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  let next = 256;
  for (let b = 0; b < 256; b++) {
    table[b] = String.fromCodePoint(printable(b) ? b : next++);
  }
  return table;
}

/** Reads vocab, merges, added tokens and the split regex from a parsed tokenizer.json. */
export function referenceBpe(tokenizerJson: Record<string, unknown>): (text: string) => number[] {
  const model = tokenizerJson['model'] as { vocab: Record<string, number>; merges: unknown[] };
  const preTokenizer = tokenizerJson['pre_tokenizer'] as {
    pretokenizers: { type: string; pattern?: { Regex: string } }[];
  };
  const split = preTokenizer.pretokenizers.find((p) => p.type === 'Split');
  if (split?.pattern === undefined) {
    throw new Error('expected a Split pre-tokenizer with a regex');
  }
  const data: ReferenceBpeData = {
    vocab: new Map(Object.entries(model.vocab)),
    ranks: new Map(
      model.merges.map((merge, rank) => [
        Array.isArray(merge) ? merge.join(' ') : String(merge),
        rank,
      ]),
    ),
    added: (tokenizerJson['added_tokens'] as { content: string; id: number }[])
      .map(({ content, id }) => ({ content, id }))
      .sort((a, b) => b.content.length - a.content.length),
    pattern: new RegExp(split.pattern.Regex, 'gu'),
    byteToChar: byteToCharTable(),
  };
  return (text) => encodeReference(data, text.normalize('NFC'));
}

function encodeReference(data: ReferenceBpeData, text: string): number[] {
  const ids: number[] = [];
  let plain = '';
  for (let i = 0; i < text.length;) {
    const hit = data.added.find((token) => text.startsWith(token.content, i));
    if (hit === undefined) {
      plain += text.charAt(i);
      i++;
      continue;
    }
    ids.push(...encodePlain(data, plain), hit.id);
    plain = '';
    i += hit.content.length;
  }
  ids.push(...encodePlain(data, plain));
  return ids;
}

function encodePlain(data: ReferenceBpeData, text: string): number[] {
  const ids: number[] = [];
  for (const piece of text.match(data.pattern) ?? []) {
    const bytes = new TextEncoder().encode(piece);
    let symbols = Array.from(bytes, (b) => data.byteToChar[b] ?? '');
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const rank = data.ranks.get(`${symbols[i]} ${symbols[i + 1]}`);
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      symbols = [
        ...symbols.slice(0, best),
        `${symbols[best]}${symbols[best + 1]}`,
        ...symbols.slice(best + 2),
      ];
    }
    for (const symbol of symbols) {
      const id = data.vocab.get(symbol);
      if (id === undefined) {
        throw new Error(`symbol not in vocab: ${symbol}`);
      }
      ids.push(id);
    }
  }
  return ids;
}
