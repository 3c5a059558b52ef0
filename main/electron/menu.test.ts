import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { IPC_EVENT_CHANNEL } from '../../app/contract/bridge.ts';
import { events } from '../../app/contract/events.ts';
import { fake, FakeBrowserWindow } from '../../tests/helpers/fake-electron.ts';
import { installMenu, type MenuCommand, menuTemplate, sendMenuCommand } from './menu.ts';

const hoisted = await vi.hoisted(() => import('../../tests/helpers/fake-electron.ts'));
vi.mock('electron', () => hoisted.fake.module);

beforeEach(() => {
  fake.reset();
});

const submenu = (template: MenuItemConstructorOptions[], label: string) =>
  template.find((item) => item.label === label)?.submenu as MenuItemConstructorOptions[];

describe('application menu', () => {
  it('has Edit → Undo / Redo with the usual accelerators, sending menu commands', () => {
    const commands: MenuCommand[] = [];
    const template = menuTemplate({
      platform: 'linux',
      appName: 'Layerline',
      developer: false,
      onCommand: (c) => commands.push(c),
    });
    const edit = submenu(template, 'Edit');
    const undo = edit.find((i) => i.label === 'Undo')!;
    const redo = edit.find((i) => i.label === 'Redo')!;
    expect(undo.accelerator).toBe('CmdOrCtrl+Z');
    expect(redo.accelerator).toBe('CmdOrCtrl+Shift+Z');
    expect(undo.role).toBeUndefined();
    (undo.click as () => void)();
    (redo.click as () => void)();
    expect(commands).toEqual(['undo', 'redo']);
    expect(edit.map((i) => i.role).filter(Boolean)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('adds the app menu on macOS only and developer items only when asked', () => {
    const options = { appName: 'Layerline', onCommand: () => undefined };
    const mac = menuTemplate({ ...options, platform: 'darwin', developer: false });
    const linux = menuTemplate({ ...options, platform: 'linux', developer: false });
    expect(mac[0]?.label).toBe('Layerline');
    expect((mac[0]?.submenu as MenuItemConstructorOptions[]).map((i) => i.role)).toContain('quit');
    expect(linux[0]?.label).toBe('File');
    const roles = (t: MenuItemConstructorOptions[]) => submenu(t, 'View').map((i) => i.role);
    expect(roles(linux)).not.toContain('toggleDevTools');
    expect(roles(linux)).not.toContain('reload');
    expect(roles(menuTemplate({ ...options, platform: 'linux', developer: true }))).toContain(
      'toggleDevTools',
    );
  });

  it('sends app.menuCommand to the focused window only, as a valid contract event', () => {
    const focused = new FakeBrowserWindow({});
    const other = new FakeBrowserWindow({});
    focused.focus();
    sendMenuCommand('undo');
    expect(focused.webContents.sent).toEqual([
      [IPC_EVENT_CHANNEL, 'app.menuCommand', { command: 'undo' }],
    ]);
    expect(other.webContents.sent).toEqual([]);
    expect(events['app.menuCommand'].safeParse({ command: 'undo' }).success).toBe(true);
    FakeBrowserWindow.focused = null;
    expect(() => {
      sendMenuCommand('redo');
    }).not.toThrow();
  });

  it('installs the menu built from the template, wired to the focused window', () => {
    installMenu({ platform: 'linux', appName: 'Layerline', developer: false });
    const template = fake.state.applicationMenu?.template as MenuItemConstructorOptions[];
    const focused = new FakeBrowserWindow({});
    focused.focus();
    (submenu(template, 'Edit').find((i) => i.label === 'Redo')?.click as () => void)();
    expect(focused.webContents.sent).toEqual([
      [IPC_EVENT_CHANNEL, 'app.menuCommand', { command: 'redo' }],
    ]);
  });
});
