/** Free space checks before a download or an import starts. */
import { statfs } from 'node:fs/promises';

import { StudioError } from '../../../app/errors.ts';
import { formatBytes } from './format-bytes.ts';

/** Space kept free beyond what a job needs, so the disk never fills to the last byte. */
export const DISK_MARGIN_BYTES = 256 * 1024 * 1024;

export async function freeBytes(dir: string): Promise<number> {
  const info = await statfs(dir);
  return info.bavail * info.bsize;
}

/** Throws STORAGE_FAILED when `dir`'s disk cannot take `needed` more bytes plus the margin. */
export async function ensureFreeSpace(
  dir: string,
  needed: number,
  probe: (dir: string) => Promise<number> = freeBytes,
): Promise<void> {
  const free = await probe(dir);
  if (needed + DISK_MARGIN_BYTES > free) {
    throw new StudioError(
      'STORAGE_FAILED',
      `Not enough disk space: this needs ${formatBytes(needed)} (plus ${formatBytes(DISK_MARGIN_BYTES)} to spare) and ${formatBytes(free)} is free.`,
      { neededBytes: needed, freeBytes: free },
    );
  }
}
