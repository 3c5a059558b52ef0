/** The server host's adapters for core's ports. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { StudioError } from '../../app/errors.ts';
import { dragOutUnavailable } from '../core/export/drag-out.ts';
import type { ArtifactOpener, DragOut, FilePicker, HostPorts, Trash } from '../core/ports.ts';
import { fileSecretStore } from '../core/security/secret-file-store.ts';

/**
 * Deleting a project moves its folder to `<dataDir>/trash/`. To recover one, move its folder
 * back into `<dataDir>/projects/`: the library re-registers it on the next start.
 */
export function folderTrash(dataDir: string, now: () => number = Date.now): Trash {
  return {
    kind: 'folder',
    async trash(path) {
      const dir = join(dataDir, 'trash');
      await mkdir(dir, { recursive: true });
      const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
      const target = join(dir, `${basename(path)}-${stamp}`);
      await rename(path, target);
      await writeFile(
        join(target, 'TRASHED.txt'),
        `Deleted ${new Date(now()).toISOString()} from ${path}\n`,
      );
    },
  };
}

/** In a browser, files arrive as uploads; there is no native dialog to open. */
export const uploadOnlyPicker: FilePicker = {
  pick() {
    return Promise.reject(
      new StudioError(
        'VALIDATION_FAILED',
        'Native file dialogs exist only in the desktop app; upload the file instead.',
      ),
    );
  },
};

export const downloadOpener: ArtifactOpener = {
  open: ({ artifactId }) => Promise.resolve({ kind: 'download', url: `/artifacts/${artifactId}` }),
};

// DAW export
/** A browser cannot receive a native file drag from the server. */
export const noDragOut: DragOut = {
  start() {
    throw dragOutUnavailable();
  },
};

export function serverPorts(dataDir: string): HostPorts {
  return {
    trash: folderTrash(dataDir),
    filePicker: uploadOnlyPicker,
    artifacts: downloadOpener,
    secrets: fileSecretStore(() => join(dataDir, 'secrets')),
    dragOut: noDragOut,
  };
}
