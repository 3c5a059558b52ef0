/**
 * Which ONNX Runtime execution providers can work on this machine, and what to do when one
 * cannot: without loading ONNX Runtime (the session pool owns that), from the platform, the GPU
 * and driver, the provider libraries onnxruntime-node has installed and, for CUDA, the CUDA 12
 * runtime and cuDNN 9 libraries the CUDA provider loads. The session pool has the last word:
 * it falls back (and logs it) when a provider that looks usable fails to start.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

import type {
  HardwareInfo,
  ProviderId,
  ProvidersReport,
  ProviderStatus,
} from '../../../app/contract/models.ts';
import type { CommandRunner } from './hardware-probe.ts';

/** Libraries ONNX Runtime's CUDA 12 provider needs from the system (not shipped by npm). */
export const CUDA_RUNTIME_LIBRARIES = [
  'libcudart.so.12',
  'libcublas.so.12',
  'libcublasLt.so.12',
  'libcufft.so.11',
  'libcurand.so.10',
  'libcudnn.so.9',
];

export const CUDA_PROVIDER_FILES = [
  'libonnxruntime_providers_cuda.so',
  'libonnxruntime_providers_shared.so',
];

export interface ProviderFacts {
  hardware: HardwareInfo;
  /** onnxruntime-node's binary folder for this platform, or null when it is not installed. */
  ortBinDir: string | null;
  fileExists: (path: string) => boolean;
  /** Which of the given shared libraries the dynamic loader can find (Linux). */
  systemLibraries: ReadonlySet<string>;
  /** LAYERLINE_EXECUTION_PROVIDER, which the session pool tries first. */
  override?: ProviderId;
}

/** onnxruntime-node's `bin/napi-v6/<platform>/<arch>` folder, found without loading it. */
export function findOrtBinDir(platform: string, arch: string): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('onnxruntime-node/package.json');
    return join(dirname(pkg), 'bin', 'napi-v6', platform, arch);
  } catch {
    return null;
  }
}

/** Library names from `ldconfig -p` plus files in LD_LIBRARY_PATH folders. */
export async function findSystemLibraries(
  names: readonly string[],
  run: CommandRunner,
  env: Readonly<Record<string, string | undefined>> = process.env,
  fileExists: (path: string) => boolean = existsSync,
): Promise<Set<string>> {
  const found = new Set<string>();
  const cache = await run('ldconfig', ['-p']);
  const listed = cache.ok ? cache.stdout : '';
  const dirs = (env.LD_LIBRARY_PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const name of names) {
    if (listed.includes(`${name} `) || dirs.some((dir) => fileExists(join(dir, name)))) {
      found.add(name);
    }
  }
  return found;
}

const major = (version: string | null): number => Number(version?.split('.')[0] ?? Number.NaN);

function cudaStatus(facts: ProviderFacts): ProviderStatus {
  const { platform, arch, gpus } = facts.hardware;
  const no = (reason: string, fix: string | null): ProviderStatus => ({
    id: 'cuda',
    usable: false,
    reason,
    fix,
  });
  if (platform !== 'linux' || arch !== 'x64') {
    return no(
      'onnxruntime-node offers CUDA on Linux x64 only.',
      platform === 'win32' ? 'On Windows the studio uses DirectML for NVIDIA GPUs.' : null,
    );
  }
  const nvidia = gpus.find((gpu) => gpu.vendor === 'nvidia');
  if (nvidia === undefined) {
    return no(
      'No NVIDIA GPU was found (nvidia-smi is missing or lists none).',
      'If this machine has an NVIDIA GPU, install the NVIDIA driver (525 or newer) so that nvidia-smi works.',
    );
  }
  if (major(nvidia.cudaVersion) < 12) {
    return no(
      `The NVIDIA driver ${nvidia.driverVersion ?? ''} supports CUDA ${nvidia.cudaVersion ?? 'unknown'}; ONNX Runtime needs CUDA 12.`.replace(
        '  ',
        ' ',
      ),
      'Update the NVIDIA driver to one that supports CUDA 12 (525.60 or newer).',
    );
  }
  const bin = facts.ortBinDir;
  const missingProvider =
    bin === null
      ? CUDA_PROVIDER_FILES
      : CUDA_PROVIDER_FILES.filter((f) => !facts.fileExists(join(bin, f)));
  if (missingProvider.length > 0) {
    return no(
      `ONNX Runtime's CUDA provider is not installed (${missingProvider.join(', ')} missing).`,
      'Run `npm run setup:gpu` once; it downloads the CUDA provider with onnxruntime-node’s own installer.',
    );
  }
  const missingRuntime = CUDA_RUNTIME_LIBRARIES.filter((lib) => !facts.systemLibraries.has(lib));
  if (missingRuntime.length > 0) {
    return no(
      `The CUDA 12 runtime or cuDNN 9 is missing: ${missingRuntime.join(', ')}.`,
      'Install the CUDA 12 runtime libraries and cuDNN 9 (NVIDIA’s packages for your distribution), or add their folders to LD_LIBRARY_PATH.',
    );
  }
  return {
    id: 'cuda',
    usable: true,
    reason: `${nvidia.name} with CUDA ${nvidia.cudaVersion ?? '12'}; the CUDA provider and its libraries are present.`,
    fix: null,
  };
}

function dmlStatus(facts: ProviderFacts): ProviderStatus {
  const { platform, gpus } = facts.hardware;
  if (platform !== 'win32') {
    return { id: 'dml', usable: false, reason: 'DirectML exists on Windows only.', fix: null };
  }
  const bin = facts.ortBinDir;
  if (bin === null || !facts.fileExists(join(bin, 'DirectML.dll'))) {
    return {
      id: 'dml',
      usable: false,
      reason: 'onnxruntime-node’s DirectML.dll is missing from this install.',
      fix: 'Reinstall the studio (npm ci) so onnxruntime-node’s Windows binaries are complete.',
    };
  }
  if (gpus.length === 0) {
    return {
      id: 'dml',
      usable: false,
      reason: 'No GPU adapter was found.',
      fix: 'Install or update the graphics driver; DirectML needs a DirectX 12 capable GPU.',
    };
  }
  return {
    id: 'dml',
    usable: true,
    reason: `DirectML on ${gpus[0]?.name ?? 'the GPU'}.`,
    fix: null,
  };
}

function coremlStatus(facts: ProviderFacts): ProviderStatus {
  const { platform, arch } = facts.hardware;
  if (platform !== 'darwin') {
    return { id: 'coreml', usable: false, reason: 'CoreML exists on macOS only.', fix: null };
  }
  if (arch !== 'arm64') {
    return {
      id: 'coreml',
      usable: false,
      reason: 'onnxruntime-node 1.30 ships no binaries for Intel Macs.',
      fix: 'Use an Apple silicon Mac, or run the studio in server mode on another machine.',
    };
  }
  return { id: 'coreml', usable: true, reason: 'CoreML on Apple silicon.', fix: null };
}

export function assessProviders(facts: ProviderFacts): ProvidersReport {
  const providers: ProviderStatus[] = [
    cudaStatus(facts),
    dmlStatus(facts),
    coremlStatus(facts),
    {
      id: 'cpu',
      usable: true,
      reason: 'The CPU provider works everywhere (slow for long songs).',
      fix: null,
    },
  ];
  const order: ProviderId[] = ['cuda', 'dml', 'coreml', 'cpu'];
  const overridden = facts.override === undefined ? [] : [facts.override];
  const preferred =
    [...overridden, ...order].find((id) => providers.find((p) => p.id === id)?.usable === true) ??
    'cpu';
  if (facts.override !== undefined && preferred === facts.override) {
    const reason = providers.find((p) => p.id === preferred)?.reason ?? '';
    return {
      preferred,
      why: `LAYERLINE_EXECUTION_PROVIDER asks for ${preferred.toUpperCase()}. ${reason}`.trim(),
      providers,
    };
  }
  const chosen = providers.find((p) => p.id === preferred);
  const gpuBlocked = providers.find((p) => p.id !== 'cpu' && !p.usable && p.fix !== null);
  const why =
    preferred === 'cpu'
      ? `No GPU provider is usable, so the engine runs on the CPU.${gpuBlocked === undefined ? '' : ` ${gpuBlocked.reason} ${gpuBlocked.fix ?? ''}`}`.trim()
      : (chosen?.reason ?? '');
  return { preferred, why, providers };
}
