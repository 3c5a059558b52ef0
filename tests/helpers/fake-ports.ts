/** Test fakes for the host ports. */
import { mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';

import type { HostPorts, Trash } from '../../main/core/ports.ts';
import type { ChosenFile } from '../../main/core/services/file-tokens.ts';

export interface FakePorts extends HostPorts {
  /** What the fake secret store holds. */
  secretValues: Map<string, string>;
  trashed: string[];
  /** What the next file.pick answers. */
  nextPick: ChosenFile[];
  opened: string[];
  /** Files dragged out, in order. */
  dragged: string[];
}

export function fakePorts(trashDir: string): FakePorts {
  const trashed: string[] = [];
  const opened: string[] = [];
  const trash: Trash = {
    kind: 'system',
    async trash(path) {
      await mkdir(trashDir, { recursive: true });
      await rename(path, join(trashDir, `${basename(path)}-${trashed.length}`));
      trashed.push(path);
    },
  };
  const secretValues = new Map<string, string>();
  const ports: FakePorts = {
    secretValues,
    secrets: {
      description: 'memory (tests)',
      get: (name) => Promise.resolve(secretValues.get(name) ?? null),
      set: (name, value) => {
        if (value === null) {
          secretValues.delete(name);
        } else {
          secretValues.set(name, value);
        }
        return Promise.resolve();
      },
    },
    trash,
    trashed,
    opened,
    dragged: [],
    dragOut: {
      start: ({ path }) => {
        ports.dragged.push(path);
      },
    },
    nextPick: [],
    filePicker: { pick: () => Promise.resolve(ports.nextPick) },
    artifacts: {
      open: ({ path }) => {
        opened.push(path);
        return Promise.resolve({ kind: 'revealed' });
      },
    },
  };
  return ports;
}
