import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { HardwareInfo } from '../../../app/contract/models.ts';
import {
  assessProviders,
  CUDA_PROVIDER_FILES,
  CUDA_RUNTIME_LIBRARIES,
  findSystemLibraries,
  type ProviderFacts,
} from './providers.ts';

const linuxGpu: HardwareInfo = {
  platform: 'linux',
  arch: 'x64',
  ramBytes: 32e9,
  cpuCores: 8,
  gpus: [
    { vendor: 'nvidia', name: 'RTX', vramBytes: 12e9, driverVersion: '550', cudaVersion: '12.4' },
  ],
};
const BIN = '/ort/bin';
const facts = (overrides: Partial<ProviderFacts> = {}): ProviderFacts => ({
  hardware: linuxGpu,
  ortBinDir: BIN,
  fileExists: (path) => CUDA_PROVIDER_FILES.some((f) => path === join(BIN, f)),
  systemLibraries: new Set(CUDA_RUNTIME_LIBRARIES),
  ...overrides,
});
const cuda = (report: ReturnType<typeof assessProviders>) =>
  report.providers.find((p) => p.id === 'cuda')!;

describe('assessProviders', () => {
  it('prefers CUDA when the GPU, driver, provider and runtime libraries are all there', () => {
    const report = assessProviders(facts());
    expect(report.preferred).toBe('cuda');
    expect(cuda(report).usable).toBe(true);
  });

  it('tells the user to run setup:gpu when the CUDA provider files are missing', () => {
    const report = assessProviders(facts({ fileExists: () => false }));
    expect(report.preferred).toBe('cpu');
    expect(cuda(report).fix).toMatch(/npm run setup:gpu/);
    expect(report.why).toMatch(/setup:gpu/);
  });

  it('asks for a newer driver when it supports only CUDA 11', () => {
    const old = { ...linuxGpu, gpus: [{ ...linuxGpu.gpus[0]!, cudaVersion: '11.8' }] };
    const status = cuda(assessProviders(facts({ hardware: old })));
    expect(status.usable).toBe(false);
    expect(status.reason).toMatch(/CUDA 11\.8/);
    expect(status.fix).toMatch(/Update the NVIDIA driver/);
  });

  it('names the missing CUDA runtime and cuDNN libraries', () => {
    const status = cuda(assessProviders(facts({ systemLibraries: new Set(['libcudart.so.12']) })));
    expect(status.reason).toMatch(/libcudnn\.so\.9/);
    expect(status.reason).not.toMatch(/libcudart/);
  });

  it('explains a machine without an NVIDIA GPU', () => {
    const status = cuda(assessProviders(facts({ hardware: { ...linuxGpu, gpus: [] } })));
    expect(status.reason).toMatch(/No NVIDIA GPU/);
    expect(status.fix).toMatch(/driver/);
  });

  it('uses DirectML on Windows with a GPU and DirectML.dll, CoreML on Apple silicon', () => {
    const win = assessProviders(
      facts({
        hardware: { ...linuxGpu, platform: 'win32' },
        fileExists: (path) => path.endsWith('DirectML.dll'),
      }),
    );
    expect(win.preferred).toBe('dml');
    expect(cuda(win).fix).toMatch(/DirectML/);
    const mac = assessProviders(
      facts({ hardware: { ...linuxGpu, platform: 'darwin', arch: 'arm64', gpus: [] } }),
    );
    expect(mac.preferred).toBe('coreml');
  });
});

describe('the LAYERLINE_EXECUTION_PROVIDER override', () => {
  it('puts a usable provider first and says so', () => {
    const report = assessProviders(facts({ override: 'cpu' }));
    expect(report.preferred).toBe('cpu');
    expect(report.why).toMatch(/LAYERLINE_EXECUTION_PROVIDER asks for CPU/);
  });

  it('is ignored when that provider cannot work here', () => {
    const report = assessProviders(facts({ override: 'dml' }));
    expect(report.preferred).toBe('cuda');
  });
});

describe('findSystemLibraries', () => {
  it('reads the ldconfig cache and LD_LIBRARY_PATH', async () => {
    const found = await findSystemLibraries(
      ['libcudart.so.12', 'libcudnn.so.9', 'libcufft.so.11'],
      () =>
        Promise.resolve({
          ok: true,
          stdout: '\tlibcudart.so.12 (libc6,x86-64) => /usr/lib/libcudart.so.12\n',
        }),
      { LD_LIBRARY_PATH: '/opt/cudnn/lib' },
      (path) => path === '/opt/cudnn/lib/libcudnn.so.9',
    );
    expect([...found].sort()).toEqual(['libcudart.so.12', 'libcudnn.so.9']);
  });
});
