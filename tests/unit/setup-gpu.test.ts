import { describe, expect, it } from 'vitest';

import type { HardwareInfo, ProvidersReport } from '../../app/contract/models.ts';
import {
  explainInstallerFailure,
  installerEnv,
  runSetupGpu,
  type SetupGpuDeps,
} from '../../tools/setup-gpu.ts';

const nvidia: HardwareInfo = {
  platform: 'linux',
  arch: 'x64',
  ramBytes: 16e9,
  cpuCores: 8,
  gpus: [
    { vendor: 'nvidia', name: 'RTX', vramBytes: 8e9, driverVersion: '550', cudaVersion: '12.4' },
  ],
};
const report: ProvidersReport = {
  preferred: 'cpu',
  why: 'test',
  providers: [{ id: 'cuda', usable: false, reason: 'missing', fix: 'run setup' }],
};

function fakeDeps(overrides: Partial<SetupGpuDeps> = {}) {
  const lines: string[] = [];
  const runs: { args: string[]; env: NodeJS.ProcessEnv }[] = [];
  let installed = false;
  const deps: SetupGpuDeps = {
    platform: 'linux',
    arch: 'x64',
    probe: () => Promise.resolve(nvidia),
    detect: () => Promise.resolve(report),
    providerFilesPresent: () => installed,
    runInstaller: (args, env) => {
      runs.push({ args, env });
      installed = true;
      return Promise.resolve({ code: 0, output: '' });
    },
    env: { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'localhost' },
    print: (line) => lines.push(line),
    ...overrides,
  };
  return { deps, lines, runs };
}

describe('npm run setup:gpu', () => {
  it('runs onnxruntime-node’s installer for CUDA 12 with the proxy passed to global-agent', async () => {
    const { deps, runs, lines } = fakeDeps();
    expect(await runSetupGpu([], deps)).toBe(0);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.args).toEqual(['--onnxruntime-node-install=cuda12']);
    expect(runs[0]?.env).toMatchObject({
      ONNXRUNTIME_NODE_INSTALL: 'cuda12',
      GLOBAL_AGENT_HTTPS_PROXY: 'http://proxy:3128',
      GLOBAL_AGENT_NO_PROXY: 'localhost',
    });
    expect(lines.join('\n')).toMatch(/CUDA provider is installed/);
    expect(lines.join('\n')).toMatch(/fix: run setup/);
  });

  it('explains an offline machine and exits 1', async () => {
    const { deps, lines } = fakeDeps({
      runInstaller: () =>
        Promise.resolve({ code: 1, output: 'Error: getaddrinfo ENOTFOUND api.nuget.org' }),
    });
    expect(await runSetupGpu([], deps)).toBe(1);
    expect(lines.join('\n')).toMatch(/api\.nuget\.org cannot be reached.*\n.*HTTPS_PROXY/);
  });

  it('does not download without an NVIDIA GPU unless forced', async () => {
    const { deps, runs, lines } = fakeDeps({
      probe: () => Promise.resolve({ ...nvidia, gpus: [] }),
    });
    expect(await runSetupGpu([], deps)).toBe(0);
    expect(runs).toEqual([]);
    expect(lines.join('\n')).toMatch(/No NVIDIA GPU/);
    expect(await runSetupGpu(['--force'], deps)).toBe(0);
    expect(runs).toHaveLength(1);
  });

  it('only reports with --check, and says Windows and macOS need no download', async () => {
    const check = fakeDeps();
    expect(await runSetupGpu(['--check'], check.deps)).toBe(0);
    expect(check.runs).toEqual([]);
    const win = fakeDeps({ platform: 'win32' });
    await runSetupGpu([], win.deps);
    expect(win.runs).toEqual([]);
    expect(win.lines[0]).toMatch(/DirectML/);
  });

  it('rejects unknown flags with the usage line', async () => {
    const { deps, lines } = fakeDeps();
    expect(await runSetupGpu(['--cuda11'], deps)).toBe(2);
    expect(lines.at(-1)).toMatch(/^usage:/);
  });

  it('keeps the environment and reads lowercase proxy variables', () => {
    expect(installerEnv({ https_proxy: 'http://p:1', PATH: '/bin' })).toMatchObject({
      GLOBAL_AGENT_HTTPS_PROXY: 'http://p:1',
      PATH: '/bin',
    });
    expect(explainInstallerFailure('boom\nsomething else')).toMatch(/installer failed/);
  });
});
