/**
 * `npm run fetch-electron`: downloads the Electron runtime for this platform through Electron's
 * own installer (node_modules/electron/install.js), which honours ELECTRON_MIRROR,
 * electron_config_cache and, here, HTTP(S)_PROXY. `--check` only reports whether it is present.
 * Exit code 0 means the runtime is present.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ELECTRON_DIR = fileURLToPath(new URL('../node_modules/electron/', import.meta.url));

export interface ElectronStatus {
  present: boolean;
  /** The executable to launch, when present. */
  binary: string | null;
  /** Why it is not present (or "ready"). */
  reason: string;
}

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
};

/** The installer writes dist/ and path.txt (the executable inside dist/); both must match. */
export function electronStatus(electronDir = ELECTRON_DIR): ElectronStatus {
  const manifest = readText(join(electronDir, 'package.json'));
  if (manifest === null) {
    return { present: false, binary: null, reason: 'the electron package is not installed' };
  }
  const version = (JSON.parse(manifest) as { version: string }).version;
  const executable = readText(join(electronDir, 'path.txt'));
  const distVersion = readText(join(electronDir, 'dist', 'version'))?.replace(/^v/, '');
  if (executable === null || distVersion === undefined) {
    return { present: false, binary: null, reason: `Electron ${version} was never downloaded` };
  }
  const binary = join(electronDir, 'dist', executable);
  if (distVersion !== version || !existsSync(binary)) {
    return {
      present: false,
      binary: null,
      reason: `the downloaded Electron (${distVersion}) is incomplete or not ${version}`,
    };
  }
  return { present: true, binary, reason: 'ready' };
}

export interface FetchOptions {
  electronDir?: string;
  /** The installer script; Electron's own by default. */
  installer?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Receives the installer's stderr as it arrives. */
  onOutput?: (text: string) => void;
}

/** The installer's last meaningful error line (not a stack frame). */
export function lastErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at '));
  return lines.at(-1) ?? 'no error message';
}

/** Runs the installer with a time limit; resolves with whether the runtime is now present. */
export function fetchElectron(
  options: FetchOptions = {},
): Promise<{ ok: boolean; reason: string }> {
  const electronDir = options.electronDir ?? ELECTRON_DIR;
  const env = { ...(options.env ?? process.env) };
  if (env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy) {
    env.ELECTRON_GET_USE_PROXY = 'true'; // @electron/get ignores proxies unless told
  }
  const timeoutMs = options.timeoutMs ?? 180_000;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [options.installer ?? join(electronDir, 'install.js')], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onOutput?.(chunk.toString());
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      stderr += `\n${error.message}`;
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const status = electronStatus(electronDir);
      if (code === 0 && status.present) {
        resolve({ ok: true, reason: 'downloaded' });
      } else if (signal === 'SIGKILL') {
        resolve({ ok: false, reason: `the download took longer than ${timeoutMs / 1000} s` });
      } else {
        resolve({
          ok: false,
          reason: code === 0 ? status.reason : `the download failed: ${lastErrorLine(stderr)}`,
        });
      }
    });
  });
}

const HINT =
  'Check that github.com is reachable, or set ELECTRON_MIRROR (a mirror of Electron releases) ' +
  'or HTTPS_PROXY, then run `npm run fetch-electron` again.';

async function main(): Promise<number> {
  const before = electronStatus();
  if (before.present || process.argv.includes('--check')) {
    console.log(
      before.present
        ? `Electron is ready: ${before.binary ?? ''}`
        : `No Electron runtime: ${before.reason}.`,
    );
    return before.present ? 0 : 1;
  }
  console.log('Downloading the Electron runtime (about 100 MB)…');
  const result = await fetchElectron({ onOutput: (text) => process.stderr.write(text) });
  if (result.ok) {
    console.log(`Electron is ready: ${electronStatus().binary ?? ''}`);
    return 0;
  }
  console.error(`Could not get Electron: ${result.reason}.\n${HINT}`);
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
}
