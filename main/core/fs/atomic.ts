/**
 * Crash-safe file operations: a reader either sees the old file or the complete new one,
 * never a torn write. Temp files live beside their target (same filesystem, so rename is atomic).
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A unique temp name beside `target`; starts with ".tmp-" so cleanups can find strays. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.tmp-${randomBytes(8).toString('hex')}`);
}

/** fsync a directory so a rename inside it survives power loss (no-op where unsupported). */
export async function fsyncDirectory(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // Windows cannot open or fsync directories; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/** Writes `data` to `target` atomically: temp file, fsync, rename, fsync the directory. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(dirname(target));
}

/** Renames a finished staging file or folder into place and makes the rename durable. */
export async function commitRename(staging: string, target: string): Promise<void> {
  await rename(staging, target);
  await fsyncDirectory(dirname(target));
}
