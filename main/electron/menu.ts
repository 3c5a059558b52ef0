/**
 * The application menu: the platform's usual roles, plus Edit → Undo / Redo, which the renderer
 * performs (project undo lives in core): they arrive as the `app.menuCommand` event.
 */
import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';

import { IPC_EVENT_CHANNEL } from '../../app/contract/bridge.ts';
import type { EventPayload } from '../../app/contract/events.ts';

export type MenuCommand = EventPayload<'app.menuCommand'>['command'];

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Adds reload and developer tools (unpackaged builds only). */
  developer: boolean;
  onCommand: (command: MenuCommand) => void;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const command = (label: string, accelerator: string, name: MenuCommand) => ({
    label,
    accelerator,
    click: () => {
      options.onCommand(name);
    },
  });
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: options.appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  const developer: MenuItemConstructorOptions[] = options.developer
    ? [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return [
    ...appMenu,
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        command('Undo', 'CmdOrCtrl+Z', 'undo'),
        command('Redo', 'CmdOrCtrl+Shift+Z', 'redo'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...developer,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}

/** Sends a menu command to the focused window only (the one the user is looking at). */
export function sendMenuCommand(command: MenuCommand): void {
  const window = BrowserWindow.getFocusedWindow();
  if (window !== null && !window.isDestroyed()) {
    window.webContents.send(IPC_EVENT_CHANNEL, 'app.menuCommand', { command });
  }
}

export function installMenu(options: Omit<MenuOptions, 'onCommand'>): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ ...options, onCommand: sendMenuCommand })),
  );
}
