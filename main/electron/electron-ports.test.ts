import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { fake, FakeBrowserWindow } from '../../tests/helpers/fake-electron.ts';
import { makeTempDir, removeDir } from '../../tests/helpers/temp-dir.ts';
import { electronPorts } from './electron-ports.ts';

const hoisted = await vi.hoisted(() => import('../../tests/helpers/fake-electron.ts'));
vi.mock('electron', () => hoisted.fake.module);

let dir: string;

beforeEach(async () => {
  fake.reset();
  dir = await makeTempDir();
});

afterEach(async () => {
  await removeDir(dir);
});

describe('electron ports', () => {
  it('trashes through the OS trash', async () => {
    const ports = electronPorts(() => null);
    expect(ports.trash.kind).toBe('system');
    await ports.trash.trash('/data/projects/p1');
    expect(fake.state.trashed).toEqual(['/data/projects/p1']);
  });

  it('reveals artifacts in their folder', async () => {
    const ports = electronPorts(() => null);
    expect(await ports.artifacts.open({ artifactId: 'a1', path: '/x/song.layerline' })).toEqual({
      kind: 'revealed',
    });
    expect(fake.state.revealed).toEqual(['/x/song.layerline']);
  });

  it('picks files with a native dialog: filters per purpose, sizes, never owned', async () => {
    const a = join(dir, 'a.wav');
    const b = join(dir, 'b.flac');
    await writeFile(a, Buffer.alloc(12));
    await writeFile(b, Buffer.alloc(3));
    await mkdir(join(dir, 'folder.wav'));
    const window = new FakeBrowserWindow({});
    const ports = electronPorts(() => window as unknown as BrowserWindow);
    fake.state.nextOpenDialog = { canceled: false, filePaths: [a, b, join(dir, 'folder.wav')] };
    expect(await ports.filePicker.pick({ purpose: 'audio', multiple: true })).toEqual([
      { path: a, name: 'a.wav', bytes: 12, owned: false },
      { path: b, name: 'b.flac', bytes: 3, owned: false },
    ]);
    const audio = fake.state.openDialogs[0]!;
    expect(audio.window).toBe(window);
    expect(audio.options.properties).toEqual(['openFile', 'multiSelections']);
    expect(audio.options.filters).toEqual([
      { name: 'Audio', extensions: ['wav', 'flac', 'mp3', 'ogg', 'opus', 'm4a', 'aif', 'aiff'] },
    ]);

    fake.state.nextOpenDialog = { canceled: true, filePaths: [] };
    expect(await ports.filePicker.pick({ purpose: 'projectArchive', multiple: false })).toEqual([]);
    const archive = fake.state.openDialogs[1]!;
    expect(archive.options.properties).toEqual(['openFile']);
    expect(archive.options.filters).toEqual([
      { name: 'Layerline project', extensions: ['layerline'] },
    ]);
  });

  it('opens the dialog without a parent when there is no window', async () => {
    fake.state.nextOpenDialog = { canceled: true, filePaths: [] };
    await electronPorts(() => null).filePicker.pick({ purpose: 'audio', multiple: false });
    expect(fake.state.openDialogs[0]?.window).toBeNull();
  });
});
