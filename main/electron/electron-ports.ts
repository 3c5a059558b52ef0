/** The Electron host's adapters for core's ports: OS trash, native file dialog, reveal in folder. */
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

import {
  app,
  type BrowserWindow,
  dialog,
  type FileFilter,
  type OpenDialogOptions,
  shell,
} from 'electron';

import type { ArtifactOpener, FilePicker, FilePurpose, HostPorts, Trash } from '../core/ports.ts';
import type { ChosenFile } from '../core/services/file-tokens.ts';
import { windowDragOut } from './drag-out.ts';
import { safeStorageSecrets } from './safe-storage-secrets.ts';

export const systemTrash: Trash = {
  kind: 'system',
  trash: (path) => shell.trashItem(path),
};

export const FILE_FILTERS: Record<Exclude<FilePurpose, 'modelFolder'>, FileFilter[]> = {
  projectArchive: [{ name: 'Layerline project', extensions: ['layerline'] }],
  audio: [
    { name: 'Audio', extensions: ['wav', 'flac', 'mp3', 'ogg', 'opus', 'm4a', 'aif', 'aiff'] },
  ],
};

/** Native open dialog, attached to the window in front when there is one. */
export function dialogFilePicker(parent: () => BrowserWindow | null): FilePicker {
  return {
    async pick({ purpose, multiple }) {
      const options: OpenDialogOptions =
        purpose === 'modelFolder'
          ? {
              title: 'Choose a folder of converted model components',
              properties: ['openDirectory'],
            }
          : {
              title: purpose === 'audio' ? 'Choose audio' : 'Choose a project archive',
              properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
              filters: FILE_FILTERS[purpose],
            };
      const window = parent();
      const result = await (window === null
        ? dialog.showOpenDialog(options)
        : dialog.showOpenDialog(window, options));
      if (result.canceled) {
        return [];
      }
      const chosen: ChosenFile[] = [];
      for (const path of result.filePaths) {
        const info = await stat(path);
        if (purpose === 'modelFolder' ? info.isDirectory() : info.isFile()) {
          chosen.push({
            path,
            name: basename(path),
            bytes: info.isFile() ? info.size : 0,
            owned: false,
          });
        }
      }
      return chosen;
    },
  };
}

export const revealOpener: ArtifactOpener = {
  open: ({ path }) => {
    shell.showItemInFolder(path);
    return Promise.resolve({ kind: 'revealed' });
  },
};

export function electronPorts(parent: () => BrowserWindow | null): HostPorts {
  return {
    trash: systemTrash,
    filePicker: dialogFilePicker(parent),
    artifacts: revealOpener,
    secrets: safeStorageSecrets(() => join(app.getPath('userData'), 'secrets')),
    dragOut: windowDragOut(parent),
  };
}
