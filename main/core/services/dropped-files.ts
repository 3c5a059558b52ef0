/**
 * Files dropped on the desktop window, as paths from the preload (webUtils.getPathForFile), to
 * file tokens. The paths never go back to the page: it gets a token, the name and the size.
 * Anything that is not a regular file (a folder, a vanished file) is left out.
 */
import { stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';

import { z } from 'zod';

import type { DroppedFile } from '../../../app/contract/bridge.ts';
import { StudioError } from '../../../app/errors.ts';
import type { FileTokenRegistry } from './file-tokens.ts';

const DroppedPaths = z.array(z.string().min(1).max(4096)).max(256);

export async function tokensForDroppedPaths(
  files: FileTokenRegistry,
  paths: unknown,
): Promise<DroppedFile[]> {
  const parsed = DroppedPaths.safeParse(paths);
  if (!parsed.success) {
    throw new StudioError('VALIDATION_FAILED', 'A drop carries a list of file paths.');
  }
  const dropped: DroppedFile[] = [];
  for (const path of parsed.data) {
    if (!isAbsolute(path)) {
      continue;
    }
    const info = await stat(path).catch(() => null);
    if (info?.isFile() !== true) {
      continue;
    }
    const name = basename(path);
    const file = files.issue({ path, name, bytes: info.size, owned: false });
    dropped.push({ file, name, bytes: info.size });
  }
  return dropped;
}
