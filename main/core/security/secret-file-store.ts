/**
 * Secrets as files readable only by their owner (mode 0600 in a 0700 folder), one per name,
 * written atomically. A codec can encrypt them (the Electron host passes safeStorage); without
 * one the file holds the value as is, which is what server mode uses.
 */
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { StudioError } from '../../../app/errors.ts';
import { tempPathFor } from '../fs/atomic.ts';
import type { SecretStore } from '../ports.ts';

export interface SecretCodec {
  encode(value: string): Promise<Buffer>;
  decode(stored: Buffer): Promise<string>;
}

const plainCodec: SecretCodec = {
  encode: (value) => Promise.resolve(Buffer.from(value, 'utf8')),
  decode: (stored) => Promise.resolve(stored.toString('utf8')),
};

const SECRET_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

function pathOf(dir: string, name: string): string {
  if (!SECRET_NAME.test(name)) {
    throw new StudioError('VALIDATION_FAILED', 'Invalid secret name.');
  }
  return join(dir, `${name}.secret`);
}

export function fileSecretStore(
  dir: () => string,
  options: { description?: string; codec?: SecretCodec } = {},
): SecretStore {
  const codec = options.codec ?? plainCodec;
  return {
    description: options.description ?? 'a file only your user account can read',
    async get(name) {
      let stored: Buffer;
      try {
        stored = await readFile(pathOf(dir(), name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return null;
        }
        throw new StudioError('STORAGE_FAILED', 'A stored secret could not be read.', undefined, {
          cause: error,
        });
      }
      return codec.decode(stored);
    },
    async set(name, value) {
      const target = pathOf(dir(), name);
      if (value === null) {
        await rm(target, { force: true });
        return;
      }
      await mkdir(dir(), { recursive: true, mode: 0o700 });
      await chmod(dir(), 0o700).catch(() => undefined);
      const temp = tempPathFor(target);
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(await codec.encode(value));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    },
  };
}
