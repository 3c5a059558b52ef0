/** Gathers the facts assessProviders needs from this machine. */
import { existsSync } from 'node:fs';

import {
  type HardwareInfo,
  ProviderId,
  type ProvidersReport,
} from '../../../app/contract/models.ts';
import { runCommand } from './hardware-probe.ts';
import {
  assessProviders,
  CUDA_RUNTIME_LIBRARIES,
  findOrtBinDir,
  findSystemLibraries,
} from './providers.ts';

export async function detectProviders(
  hardware: HardwareInfo,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<ProvidersReport> {
  const systemLibraries =
    hardware.platform === 'linux'
      ? await findSystemLibraries(CUDA_RUNTIME_LIBRARIES, runCommand)
      : new Set<string>();
  const override = ProviderId.safeParse(env.LAYERLINE_EXECUTION_PROVIDER);
  return assessProviders({
    hardware,
    ortBinDir: findOrtBinDir(hardware.platform, hardware.arch),
    fileExists: existsSync,
    systemLibraries,
    ...(override.success ? { override: override.data } : {}),
  });
}
