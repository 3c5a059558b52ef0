/**
 * `npm start [-- flags]`: builds the app, then opens the desktop window when an Electron runtime
 * is here or can be downloaded (LAYERLINE_ELECTRON_FETCH_TIMEOUT_S, default 180). Otherwise it
 * says why, once, and serves the studio to the browser instead (flags go to the server host).
 * `--browser` skips Electron.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { buildElectron, buildRenderer } from './build.ts';
import { type ElectronStatus, electronStatus, fetchElectron } from './fetch-electron.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export type Launch = { kind: 'electron'; binary: string } | { kind: 'browser'; reason: string };

/** Electron when its runtime is present (after a fetch attempt, if one was made). */
export function chooseLaunch(
  status: ElectronStatus,
  fetched: { ok: boolean; reason: string } | null,
  browserAsked: boolean,
): Launch {
  if (browserAsked) {
    return { kind: 'browser', reason: 'you asked for the browser (--browser)' };
  }
  if (status.present && status.binary !== null) {
    return { kind: 'electron', binary: status.binary };
  }
  return { kind: 'browser', reason: fetched === null ? status.reason : fetched.reason };
}

/** Splits our own flag from the ones forwarded to the server host. */
export function splitArgs(args: readonly string[]): { browser: boolean; forwarded: string[] } {
  return { browser: args.includes('--browser'), forwarded: args.filter((a) => a !== '--browser') };
}

export function fetchTimeoutMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.LAYERLINE_ELECTRON_FETCH_TIMEOUT_S ?? '180');
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 180_000;
}

/** Runs a command with our terminal, passing Ctrl+C on; resolves with its exit code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((resolve) => {
    child.once('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.once('close', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal === 'SIGINT' ? 0 : 1));
    });
  });
}

async function main(): Promise<number> {
  const { browser, forwarded } = splitArgs(process.argv.slice(2));
  await buildRenderer();
  await buildElectron();
  let status = electronStatus();
  let fetched: { ok: boolean; reason: string } | null = null;
  if (!status.present && !browser) {
    console.log('No Electron runtime yet; downloading it (about 100 MB, once)…');
    fetched = await fetchElectron({ timeoutMs: fetchTimeoutMs(process.env) });
    status = electronStatus();
  }
  const launch = chooseLaunch(status, fetched, browser);
  if (launch.kind === 'electron') {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    return run(launch.binary, ['.'], env);
  }
  console.log(
    browser
      ? 'Serving the studio to your browser (--browser).'
      : `No Electron runtime could be had (${launch.reason}); serving the studio to your browser instead.`,
  );
  return run(process.execPath, ['main/server/main.ts', ...forwarded], process.env);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
}
