import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempDir, removeDir } from '../../../tests/helpers/temp-dir.ts';
import { fileSecretStore } from './secret-file-store.ts';

describe('fileSecretStore (server mode)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('keeps a secret in a file only the owner can read, in a 0700 folder', async () => {
    const store = fileSecretStore(() => join(dir, 'secrets'));
    expect(await store.get('model-source-token')).toBeNull();
    await store.set('model-source-token', 'tok-1234567890abcdef');
    const file = join(dir, 'secrets', 'model-source-token.secret');
    expect(await readFile(file, 'utf8')).toBe('tok-1234567890abcdef');
    if (process.platform !== 'win32') {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'secrets'))).mode & 0o777).toBe(0o700);
    }
    await store.set('model-source-token', 'tok-replaced-0000000');
    expect(await store.get('model-source-token')).toBe('tok-replaced-0000000');
    await store.set('model-source-token', null);
    expect(await store.get('model-source-token')).toBeNull();
  });

  it('refuses names that could escape the folder', async () => {
    const store = fileSecretStore(() => dir);
    await expect(store.set('../evil', 'x')).rejects.toThrow(/Invalid secret name/);
  });
});
