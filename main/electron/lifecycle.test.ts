import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { IPC_CALL_CHANNEL } from '../../app/contract/bridge.ts';
import { CONTRACT_VERSION } from '../../app/contract/version.ts';
import {
  fake,
  FakeBrowserWindow,
  FakeSession,
  FakeWebContents,
} from '../../tests/helpers/fake-electron.ts';
import { makeTempDir, removeDir } from '../../tests/helpers/temp-dir.ts';
import { type DesktopApp, runDesktopApp } from './lifecycle.ts';

const hoisted = await vi.hoisted(() => import('../../tests/helpers/fake-electron.ts'));
vi.mock('electron', () => hoisted.fake.module);

let dir: string;
let outDir: string;
let running: DesktopApp | null;

beforeEach(async () => {
  fake.reset();
  dir = await makeTempDir();
  outDir = join(dir, 'out');
  await mkdir(join(outDir, 'renderer'), { recursive: true });
  await writeFile(join(outDir, 'renderer', 'index.html'), '<title>studio</title>');
  fake.state.app.paths.userData = join(dir, 'userData');
  running = null;
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(async () => {
  if (running !== null && !fake.state.app.quitted && fake.state.app.exitCode === null) {
    fake.state.app.quit();
    await running.disposed;
  }
  vi.restoreAllMocks();
  await removeDir(dir);
});

async function startApp(options: { platform?: NodeJS.Platform; devServerUrl?: string } = {}) {
  running = runDesktopApp({ outDir, platform: options.platform ?? 'linux', ...options });
  fake.state.app.makeReady();
  await running?.ready;
  return running;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

const window = () => FakeBrowserWindow.all[0]!;

const hello = (sender: FakeWebContents, url: string) =>
  fake.state.ipcHandlers.get(IPC_CALL_CHANNEL)!({ sender, senderFrame: { url } }, 'system.hello', {
    contractVersion: CONTRACT_VERSION,
  });

describe('desktop lifecycle', () => {
  it('registers the privileged schemes before the app is ready', () => {
    running = runDesktopApp({ outDir, platform: 'linux' });
    expect(fake.state.privileged).toEqual([
      {
        whenReady: false,
        schemes: [
          {
            scheme: 'studio-app',
            privileges: { standard: true, secure: true, supportFetchAPI: true },
          },
          {
            scheme: 'studio-media',
            privileges: { secure: true, stream: true, supportFetchAPI: true, corsEnabled: true },
          },
        ],
      },
    ]);
    expect(fake.state.app.lockRequests).toBe(1);
  });

  it('quits at once when another instance holds the lock, starting nothing', async () => {
    fake.state.app.hasLock = false;
    expect(runDesktopApp({ outDir, platform: 'linux' })).toBeNull();
    expect(fake.state.app.quitCalls).toBe(1);
    fake.state.app.makeReady();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(FakeBrowserWindow.all).toEqual([]);
    expect(fake.state.ipcHandlers.size).toBe(0);
    expect(fake.state.protocolHandlers.size).toBe(0);
  });

  it('starts services, protocols, IPC, menu and a hardened window on ready', async () => {
    await startApp();
    expect([...fake.state.protocolHandlers.keys()].sort()).toEqual(['studio-app', 'studio-media']);
    expect(fake.state.applicationMenu).not.toBeNull();
    expect(FakeBrowserWindow.all).toHaveLength(1);
    const webPreferences = window().options.webPreferences as Record<string, unknown>;
    expect(webPreferences.preload).toBe(join(outDir, 'preload', 'preload.cjs'));
    expect(webPreferences.sandbox).toBe(true);
    expect(window().loadedUrl).toBe('studio-app://app/index.html');
    expect(running?.mainWindow()).toBe(window());

    const answer = await hello(window().webContents, 'studio-app://app/index.html');
    expect(answer).toMatchObject({
      ok: true,
      value: { host: 'electron', appVersion: '0.1.0-test' },
    });
    const page = await fake.state.protocolHandlers.get('studio-app')!(
      new Request('studio-app://app/index.html'),
    );
    expect(await page.text()).toBe('<title>studio</title>');
    const log = await readFile(join(dir, 'userData', 'logs', 'main.log'), 'utf8');
    const events = log
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events).toContain('app.starting');
    expect(events).toContain('services.ready');
  });

  it('disposes everything before letting the app quit', async () => {
    const app = await startApp();
    expect(await exists(join(dir, 'userData', 'library.sqlite-wal'))).toBe(true);
    fake.state.app.quit();
    expect(fake.state.app.quitted).toBe(false);
    await app?.disposed;
    expect(fake.state.app.quitted).toBe(true);
    expect(fake.state.app.quitCalls).toBe(2);
    expect(fake.state.ipcHandlers.size).toBe(0);
    expect(fake.state.protocolHandlers.size).toBe(0);
    // SQLite removes the WAL file when the last connection closes: the library was closed.
    expect(await exists(join(dir, 'userData', 'library.sqlite'))).toBe(true);
    expect(await exists(join(dir, 'userData', 'library.sqlite-wal'))).toBe(false);
    const log = await readFile(join(dir, 'userData', 'logs', 'main.log'), 'utf8');
    expect(log.endsWith('\n')).toBe(true);
  });

  it('focuses and restores the window when a second instance starts', async () => {
    await startApp();
    window().minimized = true;
    fake.state.app.emit('second-instance', {}, [], dir, {});
    expect(window().calls.slice(-3)).toEqual(['restore', 'show', 'focus']);
  });

  it('guards every web contents created later', async () => {
    await startApp();
    const contents = new FakeWebContents(new FakeSession());
    fake.state.app.emit('web-contents-created', {}, contents);
    expect(contents.fire('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('quits when the last window closes, except on macOS where activate reopens one', async () => {
    await startApp({ platform: 'darwin' });
    window().destroy();
    fake.state.app.emit('window-all-closed');
    expect(fake.state.app.quitCalls).toBe(0);
    fake.state.app.emit('activate');
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1);
    fake.state.app.quit();
    await running?.disposed;

    fake.reset();
    fake.state.app.paths.userData = join(dir, 'userData2');
    await startApp({ platform: 'linux' });
    fake.state.app.emit('window-all-closed');
    expect(fake.state.app.quitCalls).toBe(1);
    await running?.disposed;
  });

  it('loads a local dev server when asked, and trusts only that origin', async () => {
    await startApp({ devServerUrl: 'http://localhost:5173' });
    expect(window().loadedUrl).toBe('http://localhost:5173/');
    expect(await hello(window().webContents, 'http://localhost:5173/')).toMatchObject({ ok: true });
    expect(await hello(window().webContents, 'studio-app://app/index.html')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
  });

  it('ignores the dev server when packaged and refuses a remote one', async () => {
    fake.state.app.isPackaged = true;
    await startApp({ devServerUrl: 'http://localhost:5173' });
    expect(window().loadedUrl).toBe('studio-app://app/index.html');
    fake.state.app.quit();
    await running?.disposed;
    fake.reset();
    expect(() => runDesktopApp({ outDir, devServerUrl: 'https://example.com' })).toThrow(
      /on this machine/,
    );
    running = null;
  });

  it('shows an error and exits with 1 when startup fails', async () => {
    await writeFile(join(dir, 'not-a-folder'), 'x');
    fake.state.app.paths.userData = join(dir, 'not-a-folder');
    await startApp();
    expect(fake.state.errorBoxes[0]?.[0]).toBe('Layerline could not start');
    expect(fake.state.app.exitCode).toBe(1);
    expect(FakeBrowserWindow.all).toEqual([]);
  });
});
