/**
 * Generates payloads that a method's params schema rejects: wrong types, missing and extra
 * fields, out-of-range numbers, hostile strings, prototype keys, deep nesting, huge arrays.
 * Every payload is checked against the schema, so "malformed" is the contract's own verdict.
 */
import type { z } from 'zod';

import type { Random } from './random.ts';

const HOSTILE_STRINGS = [
  '',
  ' ',
  '../../etc/passwd',
  '..\\..\\windows\\system32',
  '/etc/shadow',
  'C:\\Windows',
  '\u0000',
  '\u202e\u0000evil',
  '%2e%2e%2f',
  "'; DROP TABLE projects; --",
  '<script>alert(1)</script>',
  '🎵'.repeat(500),
  'x'.repeat(100_000),
  'NaN',
  '-1',
  '1e309',
  '__proto__',
  'ft_' + 'z'.repeat(32),
  '00000000-0000-0000-0000-000000000000',
];

const SCALARS: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 31),
  1e308,
  ...HOSTILE_STRINGS,
];

function randomScalar(random: Random): unknown {
  return random.pick(SCALARS);
}

function deep(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i += 1) {
    value = i % 2 === 0 ? [value] : { nested: value };
  }
  return value;
}

function randomValue(random: Random, depth = 0): unknown {
  const roll = random.int(0, depth > 2 ? 3 : 9);
  if (roll <= 3) {
    return randomScalar(random);
  }
  if (roll <= 5) {
    return Array.from({ length: random.int(0, 4) }, () => randomValue(random, depth + 1));
  }
  if (roll === 6) {
    return deep(random.int(50, 3000));
  }
  if (roll === 7) {
    return Array.from({ length: 20_000 }, (_, i) => i);
  }
  const object: Record<string, unknown> = {};
  for (let i = random.int(0, 4); i > 0; i -= 1) {
    object[
      random.pick([
        'projectId',
        'name',
        'edits',
        'op',
        'track',
        'jobId',
        'file',
        '__proto__',
        'constructor',
        'x',
      ])
    ] = randomValue(random, depth + 1);
  }
  return object;
}

/** Replaces, removes or corrupts one field somewhere in `value`. */
function mutate(value: unknown, random: Random): unknown {
  if (typeof value !== 'object' || value === null || random.int(0, 5) === 0) {
    return randomValue(random);
  }
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...(value as unknown[])]
    : { ...value };
  const keys = Object.keys(copy);
  const key = keys.length > 0 ? random.pick(keys) : 'unexpected';
  const action = random.int(0, 3);
  const target = copy as Record<string, unknown>;
  if (action === 0) {
    Reflect.deleteProperty(target, key);
  } else if (action === 1) {
    target[key] = randomValue(random);
  } else {
    target[key] = mutate(target[key], random);
  }
  return copy;
}

/** `count` distinct payloads that `schema` rejects, derived from a valid `template`. */
export function malformedPayloads(
  schema: z.ZodType,
  template: unknown,
  random: Random,
  count: number,
): unknown[] {
  const payloads: unknown[] = [undefined, null, [], 'string', 42, true];
  let attempts = 0;
  while (payloads.length < count && attempts < count * 200) {
    attempts += 1;
    const candidate = random.int(0, 3) === 0 ? randomValue(random) : mutate(template, random);
    if (!schema.safeParse(candidate).success) {
      payloads.push(candidate);
    }
  }
  return payloads.filter((payload) => !schema.safeParse(payload).success).slice(0, count);
}
