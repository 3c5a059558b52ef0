/**
 * The content-addressed media folder of one project: `media/<sha256>`. Files are immutable;
 * identical bytes are stored once. A file appears under its hash only when complete.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { StudioError, throwIfCancelled } from '../../../app/errors.ts';
import { MediaHash } from '../../../app/model/ids.ts';
import { fsyncDirectory, tempPathFor } from '../fs/atomic.ts';

export const MEDIA_FOLDER = 'media';

/**
 * Temp files being written in any media folder of this process. A sweep (at a project's first
 * use) removes `.tmp-*` files a crash left behind, but never one of these.
 */
const liveTemps = new Set<string>();

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
    const copied = await this.copyToTemp(source, options);
    await this.adopt(copied.temp, copied.hash);
    return { hash: copied.hash, bytes: copied.bytes };
  }

  /**
   * Copies a file into a new temp file of the media folder while hashing it, and fsyncs it.
   * The caller adopts or releases the temp; on failure or cancel nothing is left behind.
   */
  async copyToTemp(
    source: string,
    options: { signal?: AbortSignal; onBytes?: (done: number) => void } = {},
  ): Promise<StoredMedia & { temp: string }> {
    const temp = await this.newTemp();
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
      return { temp, hash: MediaHash.parse(hasher.digest('hex')), bytes };
    } catch (error) {
      await this.releaseTemp(temp);
      if (error instanceof StudioError) {
        throw error;
      }
      throw new StudioError('STORAGE_FAILED', 'Could not store the media file.', undefined, {
        cause: error,
      });
    }
  }

  /** A new temp path in the media folder, protected from sweeps until `releaseTemp`. */
  async newTemp(): Promise<string> {
    await mkdir(this.folder, { recursive: true });
    const temp = tempPathFor(this.pathOf(MediaHash.parse('0'.repeat(64))));
    liveTemps.add(temp);
    return temp;
  }

  /** Deletes a temp file (if still there) and forgets it. */
  async releaseTemp(temp: string): Promise<void> {
    await rm(temp, { force: true });
    liveTemps.delete(temp);
  }

  /**
   * Moves a finished, fsynced temp file in under `hash`. Returns true when it placed a new
   * file, false when the hash was already stored (identical bytes; the temp is dropped).
   */
  async adopt(temp: string, hash: MediaHash): Promise<boolean> {
    try {
      if (await this.has(hash)) {
        await this.releaseTemp(temp);
        return false;
      }
      await rename(temp, this.pathOf(hash));
      liveTemps.delete(temp);
      await fsyncDirectory(this.folder);
      return true;
    } catch (error) {
      await this.releaseTemp(temp);
      throw new StudioError('STORAGE_FAILED', 'Could not store the media file.', undefined, {
        cause: error,
      });
    }
  }

  /** Removes a stored file (only for files this operation itself placed and must undo). */
  async remove(hash: MediaHash): Promise<void> {
    await rm(this.pathOf(hash), { force: true });
  }

  /** Removes temp files a crashed process left in the media folder; returns how many. */
  async sweepTemps(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      const path = join(this.folder, name);
      if (name.startsWith('.tmp-') && !liveTemps.has(path)) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  /** Re-hashes a stored file; true when its bytes still match its name. */
  async verify(hash: MediaHash): Promise<boolean> {
    try {
      return (await sha256File(this.pathOf(hash))) === hash;
    } catch {
      return false;
    }
  }
}

/** The sha256 of a file's bytes, streamed. */
export async function sha256File(path: string, signal?: AbortSignal): Promise<MediaHash> {
  const hasher = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    throwIfCancelled(signal);
    hasher.update(chunk as Buffer);
  }
  return MediaHash.parse(hasher.digest('hex'));
}
