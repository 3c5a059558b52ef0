/**
 * Bounded random-access reads from a file: a parser asks for at most what it needs, so a
 * header that lies about its sizes can never make us allocate or read more than is there.
 */
import { type FileHandle, open } from 'node:fs/promises';

import { StudioError } from '../../../../app/errors.ts';

export class FileBytes {
  readonly size: number;
  readonly #handle: FileHandle;

  private constructor(handle: FileHandle, size: number) {
    this.#handle = handle;
    this.size = size;
  }

  static async open(path: string): Promise<FileBytes> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      throw new StudioError('NOT_FOUND', 'The audio file could not be opened.', undefined, {
        cause: error,
      });
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        throw new StudioError('VALIDATION_FAILED', 'That is not a file.');
      }
      return new FileBytes(handle, info.size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Up to `length` bytes from `position` (fewer at the end of the file), in a fresh buffer. */
  async read(position: number, length: number): Promise<Uint8Array> {
    const wanted = Math.max(0, Math.min(length, this.size - position));
    const buffer = new Uint8Array(wanted);
    let filled = 0;
    while (filled < wanted) {
      const { bytesRead } = await this.#handle.read(
        buffer,
        filled,
        wanted - filled,
        position + filled,
      );
      if (bytesRead === 0) {
        break;
      }
      filled += bytesRead;
    }
    return filled === wanted ? buffer : buffer.subarray(0, filled);
  }

  async close(): Promise<void> {
    await this.#handle.close();
  }
}
