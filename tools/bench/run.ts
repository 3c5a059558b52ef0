/**
 * `npm run bench [name ...]`: runs the benchmark scripts `tools/bench/<name>.bench.ts` one after
 * another (all of them when no name is given), each in its own Node process so that memory
 * figures are not polluted by the others. Each script prints its own figures and ratios.
 * Benchmarks measure; they never fail a build on a timing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const SUFFIX = '.bench.ts';
const available = readdirSync(here)
  .filter((name) => name.endsWith(SUFFIX))
  .map((name) => name.slice(0, -SUFFIX.length))
  .sort();
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
const chosen = wanted.length > 0 ? wanted : available;
let failures = 0;
for (const name of chosen) {
  console.log(`\n=== bench ${name}`);
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      join(here, name + SUFFIX),
      ...process.argv.slice(2).filter((a) => a.startsWith('-')),
    ],
    { stdio: 'inherit' },
  );
  console.log(
    `=== ${name}: ${result.status === 0 ? 'done' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (result.status !== 0) failures += 1;
}
process.exit(failures > 0 ? 1 : 0);
