/**
 * A small reader of REAPER's .RPP text format, written from the format's rules (not from our
 * writer) so tests can parse exported projects back: `<TAG args` opens a block, `>` closes it,
 * any other line is `KEY args`. Arguments are separated by spaces; one that starts with
 * ", ' or ` runs to the next same quote.
 */

export interface RppNode {
  tag: string;
  args: string[];
  /** Property lines of this block, in order. */
  lines: { key: string; args: string[] }[];
  children: RppNode[];
}

export function tokenizeRppLine(line: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < line.length) {
    const char = line[i] ?? '';
    if (char === ' ' || char === '\t') {
      i += 1;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') {
      const end = line.indexOf(char, i + 1);
      if (end < 0) {
        throw new Error(`Unterminated ${char} string in: ${line}`);
      }
      tokens.push(line.slice(i + 1, end));
      i = end + 1;
    } else {
      let end = i;
      while (end < line.length && line[end] !== ' ' && line[end] !== '\t') {
        end += 1;
      }
      tokens.push(line.slice(i, end));
      i = end;
    }
  }
  return tokens;
}

export function parseRpp(text: string): RppNode {
  const stack: RppNode[] = [];
  let root: RppNode | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') {
      continue;
    }
    if (line.startsWith('<')) {
      const [tag = '', ...args] = tokenizeRppLine(line.slice(1));
      const node: RppNode = { tag, args, lines: [], children: [] };
      const parent = stack.at(-1);
      if (parent === undefined) {
        if (root !== null) {
          throw new Error('More than one root block.');
        }
        root = node;
      } else {
        parent.children.push(node);
      }
      stack.push(node);
    } else if (line === '>') {
      if (stack.pop() === undefined) {
        throw new Error('Unbalanced ">".');
      }
    } else {
      const current = stack.at(-1);
      if (current === undefined) {
        throw new Error(`A property outside any block: ${line}`);
      }
      const [key = '', ...args] = tokenizeRppLine(line);
      current.lines.push({ key, args });
    }
  }
  if (root === null || stack.length > 0) {
    throw new Error('The project is empty or a block is not closed.');
  }
  return root;
}

/** The arguments of the first `key` line of `node`; throws when missing. */
export function rppValue(node: RppNode, key: string): string[] {
  const found = node.lines.find((line) => line.key === key);
  if (found === undefined) {
    throw new Error(`<${node.tag}> has no ${key}`);
  }
  return found.args;
}

export function rppChildren(node: RppNode, tag: string): RppNode[] {
  return node.children.filter((child) => child.tag === tag);
}
