/**
 * The models folder: `<id>/` holds an installed component (component.json last, so a folder
 * without one is never an installed component), `.staging/<id>/` a download or import in
 * progress (`install.json` plus `*.part` files), `.trash/` folders being deleted. Names starting
 * with "." are never components, so the engine's scan ignores staging and trash.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import { commitRename, fsyncDirectory } from '../fs/atomic.ts';
import type { IoContract } from '../inference/contract/io-contract.ts';
import { type PackManifest, parsePackManifest } from './pack-manifest.ts';

export const STAGING_DIR = '.staging';
export const TRASH_DIR = '.trash';
export const INSTALL_RECORD = 'install.json';

export const InstallRecord = z.object({
  componentId: z.string(),
  precision: z.enum(['fp32', 'fp16']),
  /** The component.json text the download follows, byte for byte. */
  manifestText: z.string(),
  startedAt: z.number().int(),
});
export type InstallRecord = z.infer<typeof InstallRecord>;

export const componentDir = (modelsDir: string, id: string) => join(modelsDir, id);
export const stagingDir = (modelsDir: string, id: string) => join(modelsDir, STAGING_DIR, id);
export const partPath = (staging: string, path: string) => join(staging, `${path}.part`);

export async function sizeOrZero(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

export interface StagedInstall {
  record: InstallRecord;
  bytesOnDisk: number;
  bytesTotal: number;
}

/** A download left in `.staging/<id>` (paused, or interrupted by a crash). */
export async function readStaged(
  modelsDir: string,
  id: string,
  contract: IoContract,
): Promise<StagedInstall | null> {
  const dir = stagingDir(modelsDir, id);
  let record: InstallRecord;
  try {
    const parsed = InstallRecord.safeParse(
      JSON.parse(await readFile(join(dir, INSTALL_RECORD), 'utf8')),
    );
    if (!parsed.success) {
      return null;
    }
    record = parsed.data;
  } catch {
    return null;
  }
  let manifest: PackManifest;
  try {
    manifest = parsePackManifest(record.manifestText, contract, id);
  } catch {
    return null;
  }
  let bytesOnDisk = 0;
  for (const file of manifest.files) {
    const done = await sizeOrZero(join(dir, file.path));
    bytesOnDisk += done > 0 ? done : await sizeOrZero(partPath(dir, file.path));
  }
  const bytesTotal = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
  return { record, bytesOnDisk, bytesTotal };
}

/** Moves `dir` into `.trash` at once (atomic), then deletes it. */
export async function discardFolder(modelsDir: string, dir: string): Promise<void> {
  const trash = join(modelsDir, TRASH_DIR);
  await mkdir(trash, { recursive: true });
  const target = join(trash, randomBytes(6).toString('hex'));
  try {
    await rename(dir, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return;
    }
    throw error;
  }
  await fsyncDirectory(modelsDir);
  await rm(target, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * Puts a complete staging folder in place as component `id`: an older install moves to the
 * trash first, so the engine sees either no component or a complete one, never a mix.
 */
export async function commitComponent(
  modelsDir: string,
  staging: string,
  id: string,
): Promise<void> {
  const target = componentDir(modelsDir, id);
  await rm(join(staging, INSTALL_RECORD), { force: true });
  await fsyncDirectory(staging);
  const old = await stat(target).then(
    () => true,
    () => false,
  );
  if (old) {
    await discardFolder(modelsDir, target);
  }
  await commitRename(staging, target);
}

/** Deletes what a crash left in `.trash`. */
export async function sweepTrash(modelsDir: string): Promise<void> {
  const trash = join(modelsDir, TRASH_DIR);
  for (const name of await readdir(trash).catch(() => [] as string[])) {
    await rm(join(trash, name), { recursive: true, force: true });
  }
}
