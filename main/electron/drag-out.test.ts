import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { isStudioError } from '../../app/errors.ts';
import { fake, FakeBrowserWindow } from '../../tests/helpers/fake-electron.ts';
import { windowDragOut } from './drag-out.ts';
import { electronPorts } from './electron-ports.ts';

const hoisted = await vi.hoisted(() => import('../../tests/helpers/fake-electron.ts'));
vi.mock('electron', () => hoisted.fake.module);

beforeEach(() => {
  fake.reset();
});

describe('drag-out from the studio window', () => {
  it('starts a native drag of the file with an icon', () => {
    const window = new FakeBrowserWindow({});
    const ports = electronPorts(() => window as unknown as BrowserWindow);
    ports.dragOut.start({ path: '/exports/.tmp-drag/x/01_Drums_120bpm.wav' });
    expect(window.webContents.drags).toHaveLength(1);
    const [drag] = window.webContents.drags;
    expect(drag?.file).toBe('/exports/.tmp-drag/x/01_Drums_120bpm.wav');
    expect((drag?.icon as { isEmpty(): boolean }).isEmpty()).toBe(false);
  });

  it('is UNAVAILABLE without a live window', () => {
    const closed = new FakeBrowserWindow({});
    closed.destroy();
    for (const parent of [null, closed]) {
      const dragOut = windowDragOut(() => parent as unknown as BrowserWindow | null);
      let error: unknown;
      try {
        dragOut.start({ path: '/x.wav' });
      } catch (caught) {
        error = caught;
      }
      expect(isStudioError(error, 'UNAVAILABLE')).toBe(true);
    }
  });
});
