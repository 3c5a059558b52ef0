import { describe, expect, it } from 'vitest';

import {
  type CommandRunner,
  parseCudaVersion,
  parseNvidiaSmiQuery,
  parseWindowsVideoControllers,
  probeHardware,
} from './hardware-probe.ts';

describe('hardware probe', () => {
  it('reads nvidia-smi rows and the CUDA version from its banner', () => {
    const gpus = parseNvidiaSmiQuery('NVIDIA GeForce RTX 4090, 24564, 550.54.14\n', '12.4');
    expect(gpus).toEqual([
      {
        vendor: 'nvidia',
        name: 'NVIDIA GeForce RTX 4090',
        vramBytes: 24564 * 1024 * 1024,
        driverVersion: '550.54.14',
        cudaVersion: '12.4',
      },
    ]);
    expect(
      parseCudaVersion('| NVIDIA-SMI 550.54.14  Driver Version: 550.54.14  CUDA Version: 12.4 |'),
    ).toBe('12.4');
    expect(parseCudaVersion('garbage')).toBeNull();
  });

  it('treats a 4 GiB AdapterRAM on Windows as unknown (the field is 32-bit)', () => {
    const json = JSON.stringify([
      { Name: 'AMD Radeon RX 7900 XTX', AdapterRAM: 4293918720 },
      { Name: 'Intel(R) UHD Graphics', AdapterRAM: 1073741824 },
      { Name: 'Microsoft Basic Display Adapter', AdapterRAM: 0 },
    ]);
    const gpus = parseWindowsVideoControllers(json);
    expect(gpus.map((g) => [g.vendor, g.vramBytes])).toEqual([
      ['amd', null],
      ['intel', 1073741824],
    ]);
    expect(parseWindowsVideoControllers('not json')).toEqual([]);
  });

  it('finds no GPU when nvidia-smi is missing on Linux', async () => {
    const run: CommandRunner = () => Promise.resolve({ ok: false, stdout: '' });
    const info = await probeHardware({ run, platform: 'linux', arch: 'x64', ramBytes: 8e9 });
    expect(info.gpus).toEqual([]);
    expect(info.ramBytes).toBe(8e9);
  });

  it('reports the Apple GPU on Apple silicon without running any command', async () => {
    const run: CommandRunner = () => {
      throw new Error('no commands on macOS');
    };
    const info = await probeHardware({ run, platform: 'darwin', arch: 'arm64', ramBytes: 16e9 });
    expect(info.gpus.map((g) => g.vendor)).toEqual(['apple']);
  });
});
