/**
 * The LM's chain of thought as text (spec §6.2): YAML between `<think>` and `</think>`, keys in
 * alphabetical order, numeric strings as integers, long values folded near 80 columns with a
 * two-space continuation (PyYAML's plain-scalar style). Parsing follows the reference parser:
 * a key starts a non-indented line, indented lines continue the previous value.
 */
import { COT_FIELDS, type CotField } from './cot-vocabulary.ts';

/** Parsed CoT metadata; absent keys were not written. */
export interface CotMetadata {
  bpm?: number;
  caption?: string;
  duration?: number;
  genres?: string;
  keyscale?: string;
  language?: string;
  /** Numerator as text, e.g. "4". */
  timesignature?: string;
}

const WIDTH = 80;
const NEEDS_QUOTES = /^$|^\s|\s$|^[-?:,[\]{}#&*!|>'"%@`]|: | #|[\n\r\t]/;
const YAML_WORDS = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;
const NUMBER = /^[-+]?(?:\d+|\d*\.\d+(?:e[-+]?\d+)?)$/i;

/** `<think>\n{yaml}</think>` for the given metadata (only present keys, in field order). */
export function formatCot(metadata: CotMetadata): string {
  let yaml = '';
  for (const field of COT_FIELDS) {
    const value = metadata[field];
    if (value === undefined || value === '') {
      continue;
    }
    yaml += `${field}: ${scalar(field, value)}\n`;
  }
  return `<think>\n${yaml}</think>`;
}

function scalar(field: CotField, value: string | number): string {
  const text = field === 'timesignature' ? String(value).replace(/\/\d+$/, '') : String(value);
  if (/^[-+]?\d+$/.test(text)) {
    return String(Number.parseInt(text, 10));
  }
  const quoted = NEEDS_QUOTES.test(text) || YAML_WORDS.test(text) || NUMBER.test(text);
  const body = quoted ? `'${text.replaceAll("'", "''")}'` : text;
  return fold(body, field.length + 2);
}

/** Breaks at a single space once the column passes 80; continuation lines indent two spaces. */
function fold(text: string, startColumn: number): string {
  const words = text.split(' ');
  let out = words[0] ?? '';
  let column = startColumn + out.length;
  for (const word of words.slice(1)) {
    if (column > WIDTH && word !== '') {
      out += `\n  ${word}`;
      column = 2 + word.length;
    } else {
      out += ` ${word}`;
      column += 1 + word.length;
    }
  }
  return out;
}

/** What an LM output holds: metadata, lyrics after `</think>`, and audio code indices. */
export interface ParsedLmOutput {
  metadata: CotMetadata;
  lyrics: string;
  audioCodes: number[];
}

/** Parses decoded LM text (CoT, optional lyrics, optional audio codes). */
export function parseLmOutput(text: string): ParsedLmOutput {
  const start = text.indexOf('<think>');
  const end = text.indexOf('</think>');
  const cot = start >= 0 && end > start ? text.slice(start + '<think>'.length, end) : '';
  const after = end >= 0 ? text.slice(end + '</think>'.length) : '';
  return {
    metadata: parseCotYaml(cot),
    lyrics: extractLyrics(after),
    audioCodes: [...text.matchAll(/<\|audio_code_(\d+)\|>/g)].map((m) => Number(m[1])),
  };
}

/** Parses the YAML body of a CoT; unknown keys are ignored. */
export function parseCotYaml(yaml: string): CotMetadata {
  const raw = new Map<string, string>();
  let key: string | undefined;
  for (const line of yaml.split('\n')) {
    if (line.trim() === '') {
      continue;
    }
    const indented = /^[ \t]/.test(line);
    const colon = line.indexOf(':');
    if (!indented && colon > 0) {
      key = line.slice(0, colon).trim();
      raw.set(key, line.slice(colon + 1).trim());
    } else if (key !== undefined) {
      raw.set(key, `${raw.get(key) ?? ''} ${line.trim()}`.trim());
    }
  }
  const metadata: CotMetadata = {};
  for (const [name, value] of raw) {
    assign(metadata, name, unquote(value));
  }
  return metadata;
}

function assign(metadata: CotMetadata, name: string, value: string): void {
  switch (name) {
    case 'bpm':
    case 'duration': {
      const number = Number.parseInt(value, 10);
      if (Number.isFinite(number)) {
        metadata[name] = number;
      }
      return;
    }
    case 'timesignature':
      metadata.timesignature = value.replace(/\/\d+$/, '');
      return;
    case 'caption':
    case 'genres':
    case 'keyscale':
    case 'language':
      metadata[name] = value;
      return;
    default:
      return;
  }
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) {
    return value.slice(1, -1).replaceAll("''", "'");
  }
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replaceAll('\\"', '"');
  }
  return value;
}

/** Lyrics after `</think>`: no leading `# Lyric(s)` header, no trailing end-of-turn marker. */
export function extractLyrics(after: string): string {
  let text = after.replace(/<\|audio_code_\d+\|>/g, '');
  text = text.replace(/(?:<\|im_end\|>|<\|endoftext\|>)[\s\S]*$/, '');
  text = text.trim();
  text = text.replace(/^#\s*Lyrics?\s*\n/i, '');
  return text.trim();
}
