/** tools/start.ts and tools/fetch-electron.ts: finding, fetching and choosing the runtime. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  type ElectronStatus,
  electronStatus,
  fetchElectron,
  lastErrorLine,
} from '../../tools/fetch-electron.ts';
import { chooseLaunch, fetchTimeoutMs, splitArgs } from '../../tools/start.ts';
import { makeTempDir, removeDir } from '../helpers/temp-dir.ts';

let dir: string;

beforeEach(async () => {
  dir = await makeTempDir();
  await writeFile(join(dir, 'package.json'), JSON.stringify({ version: '45.4.1' }));
});

afterEach(async () => {
  await removeDir(dir);
});

async function installBinary(version = 'v45.4.1'): Promise<void> {
  await mkdir(join(dir, 'dist'), { recursive: true });
  await writeFile(join(dir, 'dist', 'version'), version);
  await writeFile(join(dir, 'dist', 'electron'), '#!/bin/sh\n');
  await writeFile(join(dir, 'path.txt'), 'electron');
}

/** An installer stand-in: a CommonJS script run by Node, as install.js is. */
async function installer(body: string): Promise<string> {
  const path = join(dir, 'fake-install.cjs');
  await writeFile(path, body);
  return path;
}

describe('electronStatus', () => {
  it('is absent with a reason until dist/ and path.txt match the package version', async () => {
    expect(electronStatus(join(dir, 'nothing'))).toMatchObject({ present: false });
    expect(electronStatus(dir)).toEqual({
      present: false,
      binary: null,
      reason: 'Electron 45.4.1 was never downloaded',
    });
    await installBinary('v44.0.0');
    expect(electronStatus(dir).present).toBe(false);
    await installBinary();
    expect(electronStatus(dir)).toEqual({
      present: true,
      binary: join(dir, 'dist', 'electron'),
      reason: 'ready',
    });
    await writeFile(join(dir, 'path.txt'), 'Electron.app/Contents/MacOS/Electron');
    expect(electronStatus(dir).present).toBe(false);
  });

  it('agrees with this checkout (no binary can be downloaded on build machines)', () => {
    const status = electronStatus();
    expect(status.present).toBe(status.binary !== null);
  });
});

describe('fetchElectron', () => {
  it('succeeds when the installer leaves a complete runtime behind', async () => {
    const script = await installer(`
      const fs = require('fs'), path = require('path'), dir = ${JSON.stringify(dir)};
      fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'dist', 'version'), 'v45.4.1');
      fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
      fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');`);
    expect(await fetchElectron({ electronDir: dir, installer: script })).toEqual({
      ok: true,
      reason: 'downloaded',
    });
  });

  it('reports the installer error without its stack', async () => {
    const script = await installer(`
      console.error('TypeError: fetch failed\\n    at node:internal/deps/undici:1:1');
      process.exit(1);`);
    const result = await fetchElectron({ electronDir: dir, installer: script });
    expect(result).toEqual({ ok: false, reason: 'the download failed: TypeError: fetch failed' });
  });

  it('gives up after the time limit', async () => {
    const script = await installer('setInterval(() => undefined, 1000);');
    const result = await fetchElectron({ electronDir: dir, installer: script, timeoutMs: 300 });
    expect(result).toEqual({ ok: false, reason: 'the download took longer than 0.3 s' });
  });

  it('tells @electron/get to use the proxy when one is configured', async () => {
    const out = join(dir, 'env.txt');
    const script = await installer(
      `require('fs').writeFileSync(${JSON.stringify(out)}, String(process.env.ELECTRON_GET_USE_PROXY));`,
    );
    await fetchElectron({ electronDir: dir, installer: script, env: { PATH: '' } });
    expect(await readFile(out, 'utf8')).toBe('undefined');
    await fetchElectron({
      electronDir: dir,
      installer: script,
      env: { HTTPS_PROXY: 'http://proxy.local:3128' },
    });
    expect(await readFile(out, 'utf8')).toBe('true');
  });

  it('an installer that exits 0 without a runtime is still a failure', async () => {
    const script = await installer('process.exit(0);');
    expect(await fetchElectron({ electronDir: dir, installer: script })).toEqual({
      ok: false,
      reason: 'Electron 45.4.1 was never downloaded',
    });
  });

  it('lastErrorLine skips stack frames and blank lines', () => {
    expect(lastErrorLine('Error: x\n    at a (b:1)\n\n')).toBe('Error: x');
    expect(lastErrorLine('')).toBe('no error message');
  });
});

describe('npm start', () => {
  const present: ElectronStatus = { present: true, binary: '/e/electron', reason: 'ready' };
  const absent: ElectronStatus = { present: false, binary: null, reason: 'never downloaded' };

  it('launches Electron when its runtime is present, else the browser with the reason', () => {
    expect(chooseLaunch(present, null, false)).toEqual({ kind: 'electron', binary: '/e/electron' });
    expect(chooseLaunch(absent, null, false)).toEqual({
      kind: 'browser',
      reason: 'never downloaded',
    });
    expect(
      chooseLaunch(absent, { ok: false, reason: 'the download failed: fetch failed' }, false),
    ).toEqual({ kind: 'browser', reason: 'the download failed: fetch failed' });
    expect(chooseLaunch(present, null, true).kind).toBe('browser');
  });

  it('keeps --browser for itself and forwards the rest to the server', () => {
    expect(splitArgs(['--browser', '--port', '4780'])).toEqual({
      browser: true,
      forwarded: ['--port', '4780'],
    });
    expect(splitArgs([])).toEqual({ browser: false, forwarded: [] });
  });

  it('reads the fetch time limit from the environment, defaulting to 180 s', () => {
    expect(fetchTimeoutMs({})).toBe(180_000);
    expect(fetchTimeoutMs({ LAYERLINE_ELECTRON_FETCH_TIMEOUT_S: '5' })).toBe(5000);
    expect(fetchTimeoutMs({ LAYERLINE_ELECTRON_FETCH_TIMEOUT_S: 'soon' })).toBe(180_000);
  });
});
