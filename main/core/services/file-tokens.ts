/**
 * Opaque tokens for files the user chose (a desktop dialog, a drop, a browser upload). The
 * renderer holds tokens; only main knows the paths behind them. Tokens expire.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';

import { StudioError } from '../../../app/errors.ts';
import { FileToken } from '../../../app/model/ids.ts';

const DEFAULT_TTL_MS = 60 * 60 * 1000;

export interface ChosenFile {
  path: string;
  /** The file's own name, as the user knows it. */
  name: string;
  bytes: number;
  /** True for temp files the studio made (uploads): deleted when the token expires. */
  owned: boolean;
}

export class FileTokenRegistry {
  readonly #files = new Map<FileToken, ChosenFile & { expiresAt: number }>();
  readonly #now: () => number;
  readonly #ttlMs: number;

  constructor(now: () => number, ttlMs = DEFAULT_TTL_MS) {
    this.#now = now;
    this.#ttlMs = ttlMs;
  }

  issue(file: ChosenFile): FileToken {
    void this.sweep();
    const token = FileToken.parse(`ft_${randomBytes(16).toString('hex')}`);
    this.#files.set(token, { ...file, expiresAt: this.#now() + this.#ttlMs });
    return token;
  }

  /** The file behind a token; NOT_FOUND when unknown or expired. */
  resolve(token: FileToken): ChosenFile {
    const file = this.#files.get(token);
    if (file === undefined || file.expiresAt < this.#now()) {
      throw new StudioError('NOT_FOUND', 'That file is no longer available; choose it again.', {
        token,
      });
    }
    return file;
  }

  /** Forgets expired tokens and deletes their owned temp files. */
  async sweep(): Promise<void> {
    const now = this.#now();
    for (const [token, file] of this.#files) {
      if (file.expiresAt < now) {
        this.#files.delete(token);
        if (file.owned) {
          await rm(file.path, { force: true });
        }
      }
    }
  }

  async dispose(): Promise<void> {
    for (const file of this.#files.values()) {
      if (file.owned) {
        await rm(file.path, { force: true });
      }
    }
    this.#files.clear();
  }
}
