/** Re-hashes every file of an installed component against its component.json. */
import { join } from 'node:path';

import type { VerifyResult } from '../../../app/contract/models.ts';
import { StudioError, throwIfCancelled } from '../../../app/errors.ts';
import { sha256File } from './hashing.ts';
import { componentDir, readInstalled } from './model-folders.ts';
import { packBytes } from './pack-manifest.ts';

export async function verifyInstalled(request: {
  modelsDir: string;
  componentId: string;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}): Promise<VerifyResult> {
  const installed = await readInstalled(request.modelsDir, request.componentId);
  if (installed === null) {
    throw new StudioError('MODEL_MISSING', `${request.componentId} is not installed.`, {
      componentId: request.componentId,
    });
  }
  const { manifest } = installed;
  const problems = [...installed.problems];
  const total = packBytes(manifest);
  let done = 0;
  const dir = componentDir(request.modelsDir, request.componentId);
  for (const file of manifest.files) {
    throwIfCancelled(request.signal);
    if (problems.some((problem) => problem.startsWith(`${file.path} `))) {
      done += file.bytes;
      continue;
    }
    const digest = await sha256File(join(dir, file.path), {
      signal: request.signal,
      onBytes: (bytes) => {
        done += bytes;
        request.onProgress(total === 0 ? 1 : done / total);
      },
    });
    if (digest !== file.sha256) {
      problems.push(`${file.path} does not match its sha256`);
    }
  }
  return {
    componentId: request.componentId,
    ok: problems.length === 0,
    files: manifest.files.length,
    bytes: total,
    problems,
  };
}
