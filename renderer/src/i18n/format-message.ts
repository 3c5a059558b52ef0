/**
 * A small ICU-style message formatter: `{name}` inserts a parameter, and
 * `{count, plural, one {# clip} other {# clips}}` picks a form by Intl.PluralRules, with `#`
 * standing for the formatted number. Enough for three locales without a runtime dependency.
 */
export type MessageParams = Readonly<Record<string, string | number>>;

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'param'; name: string }
  | { kind: 'plural'; name: string; forms: Map<string, Part[]> };

/** Index of the `}` that closes the `{` at `open`. */
function closing(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i += 1) {
    if (source[i] === '{') {
      depth += 1;
    } else if (source[i] === '}') {
      depth -= 1;
      if (depth === 0) {
        return i;
      }
    }
  }
  throw new Error(`Unbalanced braces in message: ${source}`);
}

function parsePlural(name: string, body: string): Part {
  const forms = new Map<string, Part[]>();
  let at = 0;
  while (at < body.length) {
    const match = /^\s*(=?\w+)\s*\{/.exec(body.slice(at));
    if (match === null) {
      break;
    }
    const open = at + match[0].length - 1;
    const close = closing(body, open);
    forms.set(match[1] as string, parse(body.slice(open + 1, close)));
    at = close + 1;
  }
  return { kind: 'plural', name, forms };
}

function parse(source: string): Part[] {
  const parts: Part[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('{', at);
    if (open < 0) {
      parts.push({ kind: 'text', text: source.slice(at) });
      break;
    }
    if (open > at) {
      parts.push({ kind: 'text', text: source.slice(at, open) });
    }
    const close = closing(source, open);
    const inner = source.slice(open + 1, close);
    const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
    parts.push(
      plural === null
        ? { kind: 'param', name: inner.trim() }
        : parsePlural(plural[1] as string, plural[2] as string),
    );
    at = close + 1;
  }
  return parts;
}

const cache = new Map<string, Part[]>();

function render(parts: Part[], params: MessageParams, locale: string, count: string): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      out += count === '' ? part.text : part.text.replaceAll('#', count);
    } else if (part.kind === 'param') {
      const value = params[part.name];
      out += value === undefined ? `{${part.name}}` : String(value);
    } else {
      const value = Number(params[part.name] ?? 0);
      const form =
        part.forms.get(`=${value}`) ??
        part.forms.get(new Intl.PluralRules(locale).select(value)) ??
        part.forms.get('other') ??
        [];
      out += render(form, params, locale, new Intl.NumberFormat(locale).format(value));
    }
  }
  return out;
}

export function formatMessage(template: string, params: MessageParams, locale: string): string {
  let parts = cache.get(template);
  if (parts === undefined) {
    parts = parse(template);
    cache.set(template, parts);
  }
  return render(parts, params, locale, '');
}
