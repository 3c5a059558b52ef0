/**
 * The content-addressed media folder of one project: `media/<sha256>`. Files are immutable;
 * identical bytes are stored once. A file appears under its hash only when complete.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { StudioError, throwIfCancelled } from '../../../app/errors.ts';
import { MediaHash } from '../../../app/model/ids.ts';
import { fsyncDirectory, tempPathFor } from '../fs/atomic.ts';

export const MEDIA_FOLDER = 'media';

export interface StoredMedia {
  hash: MediaHash;
  bytes: number;
}

export class MediaStore {
  readonly folder: string;

  constructor(projectDir: string) {
    this.folder = join(projectDir, MEDIA_FOLDER);
  }

  /** Absolute path of a stored hash (whether or not it exists). */
  pathOf(hash: MediaHash): string {
    return join(this.folder, MediaHash.parse(hash));
  }

  async has(hash: MediaHash): Promise<boolean> {
    try {
      return (await stat(this.pathOf(hash))).isFile();
    } catch {
      return false;
    }
  }

  /** Copies a file in while hashing it; cancelled or failed copies leave nothing behind. */
  async putFile(
    source: string,
    options: { signal?: AbortSignal; onBytes?: (done: number) => void } = {},
  ): Promise<StoredMedia> {
    await mkdir(this.folder, { recursive: true });
    const temp = tempPathFor(this.pathOf(MediaHash.parse('0'.repeat(64))));
    const hasher = createHash('sha256');
    let bytes = 0;
    try {
      const out = await open(temp, 'wx');
      try {
        for await (const chunk of createReadStream(source, { highWaterMark: 1 << 20 })) {
          throwIfCancelled(options.signal);
          const buffer = chunk as Buffer;
          hasher.update(buffer);
          await out.write(buffer);
          bytes += buffer.length;
          options.onBytes?.(bytes);
        }
        await out.sync();
      } finally {
        await out.close();
      }
      const hash = MediaHash.parse(hasher.digest('hex'));
      await rename(temp, this.pathOf(hash));
      await fsyncDirectory(this.folder);
      return { hash, bytes };
    } catch (error) {
      await rm(temp, { force: true });
      if (error instanceof StudioError) {
        throw error;
      }
      throw new StudioError('STORAGE_FAILED', 'Could not store the media file.', undefined, {
        cause: error,
      });
    }
  }

  /** Re-hashes a stored file; true when its bytes still match its name. */
  async verify(hash: MediaHash): Promise<boolean> {
    const hasher = createHash('sha256');
    try {
      for await (const chunk of createReadStream(this.pathOf(hash))) {
        hasher.update(chunk as Buffer);
      }
    } catch {
      return false;
    }
    return hasher.digest('hex') === hash;
  }
}
