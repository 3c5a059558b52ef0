/**
 * What hardware this machine has, for recommendations and execution-provider checks: RAM, CPU
 * cores and GPUs (nvidia-smi for NVIDIA, the WMI video controllers on Windows, the Apple GPU on
 * Apple silicon). Commands run with a short timeout; a missing tool means "not found", never
 * an error.
 */
import { execFile } from 'node:child_process';
import { availableParallelism, totalmem } from 'node:os';

import type { GpuInfo, HardwareInfo } from '../../../app/contract/models.ts';

export interface CommandResult {
  ok: boolean;
  stdout: string;
}

export type CommandRunner = (command: string, args: string[]) => Promise<CommandResult>;

export const runCommand: CommandRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, args, { timeout: 5000, windowsHide: true }, (error, stdout) => {
      resolve({ ok: error === null, stdout });
    });
  });

const MIB = 1024 * 1024;

/** Rows of `nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader,nounits`. */
export function parseNvidiaSmiQuery(stdout: string, cudaVersion: string | null): GpuInfo[] {
  const gpus: GpuInfo[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const [name, memory, driver] = line.split(',').map((cell) => cell.trim());
    if (name === undefined || name === '' || memory === undefined) {
      continue;
    }
    const mib = Number(memory);
    gpus.push({
      vendor: 'nvidia',
      name,
      vramBytes: Number.isFinite(mib) ? Math.round(mib * MIB) : null,
      driverVersion: driver === undefined || driver === '' ? null : driver,
      cudaVersion,
    });
  }
  return gpus;
}

/** "CUDA Version: 12.4" from nvidia-smi's banner. */
export function parseCudaVersion(banner: string): string | null {
  return /CUDA Version:\s*([0-9]+\.[0-9]+)/.exec(banner)?.[1] ?? null;
}

function vendorOf(name: string): GpuInfo['vendor'] {
  const lower = name.toLowerCase();
  if (lower.includes('nvidia') || lower.includes('geforce') || lower.includes('quadro')) {
    return 'nvidia';
  }
  if (lower.includes('amd') || lower.includes('radeon')) {
    return 'amd';
  }
  if (lower.includes('intel')) {
    return 'intel';
  }
  return 'other';
}

/** `Get-CimInstance Win32_VideoController | Select Name,AdapterRAM | ConvertTo-Json`. */
export function parseWindowsVideoControllers(stdout: string): GpuInfo[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return [];
  }
  const rows = (Array.isArray(parsed) ? parsed : [parsed]) as {
    Name?: unknown;
    AdapterRAM?: unknown;
  }[];
  return rows.flatMap((row) => {
    if (typeof row.Name !== 'string' || /basic (display|render)/i.test(row.Name)) {
      return [];
    }
    // AdapterRAM is a 32-bit field: 4 GiB or more reads as 4 GiB or less. Treat that as unknown.
    const ram = typeof row.AdapterRAM === 'number' ? row.AdapterRAM : null;
    const vramBytes = ram !== null && ram > 0 && ram < 4095 * MIB ? ram : null;
    return [
      {
        vendor: vendorOf(row.Name),
        name: row.Name,
        vramBytes,
        driverVersion: null,
        cudaVersion: null,
      },
    ];
  });
}

async function nvidiaGpus(run: CommandRunner): Promise<GpuInfo[]> {
  const query = await run('nvidia-smi', [
    '--query-gpu=name,memory.total,driver_version',
    '--format=csv,noheader,nounits',
  ]);
  if (!query.ok) {
    return [];
  }
  const banner = await run('nvidia-smi', []);
  return parseNvidiaSmiQuery(query.stdout, banner.ok ? parseCudaVersion(banner.stdout) : null);
}

export async function probeHardware(
  options: { run?: CommandRunner; platform?: string; arch?: string; ramBytes?: number } = {},
): Promise<HardwareInfo> {
  const run = options.run ?? runCommand;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const ramBytes = options.ramBytes ?? totalmem();
  let gpus: GpuInfo[] = [];
  if (platform === 'darwin') {
    gpus =
      arch === 'arm64'
        ? [
            {
              vendor: 'apple',
              name: 'Apple GPU',
              vramBytes: null,
              driverVersion: null,
              cudaVersion: null,
            },
          ]
        : [];
  } else {
    gpus = await nvidiaGpus(run);
    if (platform === 'win32') {
      const wmi = await run('powershell.exe', [
        '-NoProfile',
        '-Command',
        'Get-CimInstance Win32_VideoController | Select-Object Name,AdapterRAM | ConvertTo-Json',
      ]);
      const others = wmi.ok ? parseWindowsVideoControllers(wmi.stdout) : [];
      gpus = [...gpus, ...others.filter((gpu) => gpu.vendor !== 'nvidia' || gpus.length === 0)];
    }
  }
  return { platform, arch, ramBytes, cpuCores: Math.max(1, availableParallelism()), gpus };
}
