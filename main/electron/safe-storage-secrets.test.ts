import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { makeTempDir, removeDir } from '../../tests/helpers/temp-dir.ts';

const hoisted = await vi.hoisted(() => import('../../tests/helpers/fake-electron.ts'));
vi.mock('electron', () => hoisted.fake.module);
const { fake } = hoisted;
const { safeStorageSecrets } = await import('./safe-storage-secrets.ts');

describe('safeStorageSecrets', () => {
  let dir: string;
  beforeEach(async () => {
    fake.reset();
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('stores the token encrypted by safeStorage in a 0600 file and reads it back', async () => {
    const secrets = safeStorageSecrets(() => join(dir, 'secrets'));
    await secrets.set('model-source-token', 'hf_abcdefghijklmnop');
    const file = join(dir, 'secrets', 'model-source-token.secret');
    const stored = await readFile(file);
    expect(stored.toString('utf8')).not.toContain('hf_abcdefghijklmnop');
    expect(stored.subarray(0, 9).toString()).toBe('FAKE-ENC:');
    if (process.platform !== 'win32') {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    }
    expect(await secrets.get('model-source-token')).toBe('hf_abcdefghijklmnop');
    expect(secrets.description).toMatch(/OS keychain/);
    await secrets.set('model-source-token', null);
    expect(await secrets.get('model-source-token')).toBeNull();
  });

  it('says plainly when Linux has no keychain set up', async () => {
    fake.state.storageBackend = 'basic_text';
    const secrets = safeStorageSecrets(() => dir);
    await secrets.get('model-source-token');
    expect(secrets.description).toMatch(/not set up/);
  });

  it('fails with STORAGE_FAILED, not garbage, when a stored secret cannot be decrypted', async () => {
    fake.state.encryptionAvailable = false;
    const plain = safeStorageSecrets(() => dir);
    await plain.set('model-source-token', 'plain-value-123456');
    fake.state.encryptionAvailable = true;
    await expect(safeStorageSecrets(() => dir).get('model-source-token')).rejects.toThrow(
      /could not be decrypted/,
    );
  });
});
