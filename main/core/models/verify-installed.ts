/** Re-hashes every file of an installed component, through the engine's library scan. */
import type { VerifyResult } from '../../../app/contract/models.ts';
import { StudioError } from '../../../app/errors.ts';
import type { IoContract } from '../inference/contract/io-contract.ts';
import { scanModelLibrary } from './model-library.ts';
import { packBytes } from './pack-manifest.ts';

export async function verifyInstalled(request: {
  modelsDir: string;
  contract: IoContract;
  componentId: string;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}): Promise<VerifyResult> {
  const scan = await scanModelLibrary(request.modelsDir, {
    contract: request.contract,
    verify: 'full',
    only: [request.componentId],
    signal: request.signal,
    onProgress: ({ hashedBytes, totalBytes }) => {
      request.onProgress(totalBytes === 0 ? 1 : hashedBytes / totalBytes);
    },
  });
  const installed = scan.installed.find((c) => c.id === request.componentId);
  const damaged = scan.damaged.find((c) => c.id === request.componentId);
  const manifest = installed?.manifest ?? damaged?.manifest ?? null;
  if (installed === undefined && damaged === undefined) {
    throw new StudioError('MODEL_MISSING', `${request.componentId} is not installed.`, {
      componentId: request.componentId,
    });
  }
  const problems = damaged?.problems.map((problem) => problem.message) ?? [];
  return {
    componentId: request.componentId,
    ok: problems.length === 0,
    files: manifest?.files.length ?? 0,
    bytes: manifest === null ? 0 : packBytes(manifest),
    problems,
  };
}
