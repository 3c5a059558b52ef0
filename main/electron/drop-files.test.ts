/** Dropped files: preload paths → main → tokens, and the page never sees a path. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { IPC_DROP_CHANNEL, type StudioBridge } from '../../app/contract/bridge.ts';
import { noopLogger } from '../../app/log.ts';
import { FileToken } from '../../app/model/ids.ts';
import {
  fake,
  FakeBrowserWindow,
  FakeSession,
  FakeWebContents,
} from '../../tests/helpers/fake-electron.ts';
import { startTestServices, type TestServices } from '../../tests/helpers/services.ts';
import { tokensForDroppedPaths } from '../core/services/dropped-files.ts';
import { startIpcRouter } from './ipc-router.ts';
import { APP_ORIGIN } from './schemes.ts';

const hoisted = await vi.hoisted(() => import('../../tests/helpers/fake-electron.ts'));
vi.mock('electron', () => hoisted.fake.module);

let env: TestServices;
let stop: () => void;

beforeEach(async () => {
  fake.reset();
  env = await startTestServices();
  stop = startIpcRouter({
    dispatch: env.services.dispatch,
    events: env.services.events,
    windows: () => FakeBrowserWindow.getAllWindows() as unknown as Electron.BrowserWindow[],
    origin: APP_ORIGIN,
    log: noopLogger,
    droppedFiles: (paths) => tokensForDroppedPaths(env.services.files, paths),
  });
});
afterEach(async () => {
  stop();
  await env.cleanup();
});

function drop(sender: FakeWebContents, frameUrl: string, paths: unknown) {
  const handler = fake.state.ipcHandlers.get(IPC_DROP_CHANNEL);
  if (handler === undefined) {
    throw new Error('no drop handler');
  }
  return handler({ sender, senderFrame: { url: frameUrl }, frameId: 1, processId: 1 }, paths);
}

describe('dropping files on the window', () => {
  it('gives our page tokens, names and sizes for regular files only, never paths', async () => {
    const window = new FakeBrowserWindow({});
    const song = join(env.dataDir, 'song.wav');
    await writeFile(song, Buffer.alloc(123));
    await mkdir(join(env.dataDir, 'folder'));
    const answer = (await drop(window.webContents, 'studio-app://app/index.html', [
      song,
      join(env.dataDir, 'folder'),
      join(env.dataDir, 'missing.wav'),
      'relative.wav',
    ])) as { ok: true; value: { file: string; name: string; bytes: number }[] };
    expect(answer.ok).toBe(true);
    expect(answer.value).toEqual([
      { file: expect.stringMatching(/^ft_/) as unknown, name: 'song.wav', bytes: 123 },
    ]);
    expect(JSON.stringify(answer)).not.toContain(env.dataDir);
    expect(env.services.files.resolve(FileToken.parse(answer.value[0]?.file)).path).toBe(song);
  });

  it('refuses other pages and malformed drops with typed errors', async () => {
    const stranger = new FakeWebContents(new FakeSession());
    expect(await drop(stranger, 'studio-app://app/index.html', [])).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    const window = new FakeBrowserWindow({});
    expect(await drop(window.webContents, 'https://evil.example/', [])).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(await drop(window.webContents, 'studio-app://app/', 'not a list')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('has the preload turn File objects into paths and send only those', async () => {
    vi.resetModules();
    await import('../../preload/index.ts');
    const bridge = fake.state.exposed.get('studio') as StudioBridge;
    const real = { name: 'a.wav' };
    const synthetic = { name: 'made-up.wav' };
    fake.state.filePaths.set(real, '/music/a.wav');
    fake.state.ipcRenderer.answer = { ok: true, value: [] };
    await bridge.dropFiles([real, synthetic, 'text', null]);
    expect(fake.state.ipcRenderer.invocations).toEqual([[IPC_DROP_CHANNEL, ['/music/a.wav']]]);
  });
});
