/**
 * How an export puts bytes on disk. Every write goes through one injectable function, so tests
 * can simulate a full disk (ENOSPC after N bytes) and prove nothing partial is left behind.
 */
import { open } from 'node:fs/promises';

import { StudioError, throwIfCancelled } from '../../../app/errors.ts';

export type ExportBytes = Uint8Array | AsyncIterable<Uint8Array>;

export interface ExportFileWriter {
  /** Creates `path` (failing if it exists), writes `data`, fsyncs; resolves with the byte count. */
  write(path: string, data: ExportBytes, signal: AbortSignal): Promise<number>;
}

async function* chunksOf(data: ExportBytes): AsyncIterable<Uint8Array> {
  if (data instanceof Uint8Array) {
    yield data;
  } else {
    yield* data;
  }
}

/** The real writer: exclusive create, write, fsync, close. */
export const nodeFileWriter: ExportFileWriter = {
  async write(path, data, signal) {
    const handle = await open(path, 'wx');
    let bytes = 0;
    try {
      for await (const chunk of chunksOf(data)) {
        throwIfCancelled(signal);
        let offset = 0;
        while (offset < chunk.length) {
          const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
          offset += bytesWritten;
        }
        bytes += chunk.length;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    return bytes;
  },
};

/** Stops a stream we no longer read (yazl's output holds open source files until then). */
export function destroyStream(stream: NodeJS.ReadableStream): void {
  const destroyable = stream as NodeJS.ReadableStream & { destroy?: () => void };
  destroyable.destroy?.();
}

const errnoOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

/**
 * A file-system failure as a StudioError the user can act on; StudioErrors pass through.
 * `what` names what was being written, e.g. "01_Drums_120bpm_Amin.wav".
 */
export function exportStorageError(error: unknown, what: string): StudioError {
  if (error instanceof StudioError) {
    return error;
  }
  const errno = errnoOf(error);
  const options = { cause: error };
  if (errno === 'ENOSPC' || errno === 'EDQUOT') {
    return new StudioError(
      'STORAGE_FAILED',
      `The disk is full: ${what} could not be written. Nothing of this export was kept; free some space and export again.`,
      { errno },
      options,
    );
  }
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') {
    return new StudioError(
      'STORAGE_FAILED',
      `The export folder cannot be written to (${errno}) while writing ${what}. Nothing of this export was kept.`,
      { errno },
      options,
    );
  }
  return new StudioError(
    'STORAGE_FAILED',
    `Writing ${what} failed${errno === undefined ? '' : ` (${errno})`}. Nothing of this export was kept.`,
    errno === undefined ? undefined : { errno },
    options,
  );
}
