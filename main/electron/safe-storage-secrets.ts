/**
 * Secrets encrypted with Electron's safeStorage (the OS keychain: Keychain on macOS, DPAPI on
 * Windows, the Secret Service or KWallet on Linux), kept as 0600 files. Where the OS offers no
 * keychain (Linux without one: the "basic_text" backend) the description says so plainly.
 */
import { safeStorage } from 'electron';

import { StudioError } from '../../app/errors.ts';
import type { SecretStore } from '../core/ports.ts';
import { fileSecretStore } from '../core/security/secret-file-store.ts';

function keychainDescription(available: boolean): string {
  if (!available) {
    return 'a file only your user account can read (no OS keychain is available)';
  }
  const backend =
    process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'keychain';
  return backend === 'basic_text'
    ? 'a file only your user account can read (the OS keychain is not set up)'
    : 'the OS keychain (encrypted with Electron safeStorage)';
}

export function safeStorageSecrets(dir: () => string): SecretStore {
  const encrypted = fileSecretStore(dir, {
    codec: {
      encode: (value) => safeStorage.encryptStringAsync(value),
      decode: async (stored) => {
        try {
          return (await safeStorage.decryptStringAsync(stored)).result;
        } catch (error) {
          throw new StudioError(
            'STORAGE_FAILED',
            'A stored secret could not be decrypted.',
            undefined,
            {
              cause: error,
            },
          );
        }
      },
    },
  });
  const plain = fileSecretStore(dir);
  let available = false;
  const active = async () => {
    available = await safeStorage.isAsyncEncryptionAvailable();
    return available ? encrypted : plain;
  };
  return {
    /** As of the last get or set (the keychain is asked asynchronously). */
    get description() {
      return keychainDescription(available);
    },
    get: async (name) => (await active()).get(name),
    set: async (name, value) => {
      await (await active()).set(name, value);
    },
  };
}
