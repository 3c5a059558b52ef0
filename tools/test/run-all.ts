/**
 * `npm test`: every check and test runner in turn (lint, format, typecheck, build, Vitest,
 * Playwright), then one line "N passed, N failed" summed over all of them. Lint, format,
 * typecheck and build count as one check each. Exits non-zero on any failure or when no test ran.
 * `--skip-e2e` leaves out Playwright (for machines without Chromium).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(root, '.out');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const skipE2e = process.argv.includes('--skip-e2e');

interface Tally {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
}

function run(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { ok: boolean; seconds: number } {
  console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000 };
}

function check(name: string, command: string, args: string[]): Tally {
  const { ok, seconds } = run(name, command, args);
  return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function vitest(): Tally {
  const report = join(outDir, 'vitest.json');
  const { seconds } = run('vitest', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const json = readJson(report) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    success: boolean;
  } | null;
  if (json === null) {
    return { name: 'vitest', passed: 0, failed: 1, skipped: 0, seconds };
  }
  // A suite that fails to load has no failed tests but makes `success` false: count it.
  const failed = json.numFailedTests + (json.success || json.numFailedTests > 0 ? 0 : 1);
  return {
    name: 'vitest',
    passed: json.numPassedTests,
    failed,
    skipped: json.numPendingTests + json.numTodoTests,
    seconds,
  };
}

function playwright(): Tally {
  const report = join(outDir, 'playwright.json');
  const { seconds } = run('playwright', bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  const json = readJson(report) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  } | null;
  if (json === null) {
    return { name: 'playwright', passed: 0, failed: 1, skipped: 0, seconds };
  }
  const { expected, unexpected, flaky, skipped } = json.stats;
  return { name: 'playwright', passed: expected + flaky, failed: unexpected, skipped, seconds };
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const tallies: Tally[] = [
  check('lint', bin('eslint'), ['--max-warnings', '0', '.']),
  check('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']),
  check('typecheck', bin('tsc'), ['-b']),
  check('build', process.execPath, [join(root, 'tools', 'build.ts')]),
  vitest(),
];
if (skipE2e) {
  console.log('\n=== playwright: skipped (--skip-e2e)');
} else if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  tallies.push({ name: 'playwright', passed: 0, failed: 1, skipped: 0, seconds: 0 });
} else {
  tallies.push(playwright());
}

console.log('\n=== summary');
for (const t of tallies) {
  console.log(
    `  ${t.name.padEnd(11)} ok=${t.passed} failed=${t.failed} skipped=${t.skipped} (${t.seconds.toFixed(1)} s)`,
  );
}
const passed = tallies.reduce((sum, t) => sum + t.passed, 0);
const failed = tallies.reduce((sum, t) => sum + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
