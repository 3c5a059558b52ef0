/**
 * `npm run setup:gpu`: installs ONNX Runtime's GPU provider libraries where onnxruntime-node
 * does not ship them (the CUDA 12 provider on Linux x64, downloaded from NuGet by
 * onnxruntime-node's own installer script), then reports which execution providers can work
 * here and what to do about the ones that cannot (driver, CUDA runtime, cuDNN).
 *
 *   npm run setup:gpu                # install if needed, then report
 *   npm run setup:gpu -- --check     # report only
 *   npm run setup:gpu -- --force     # run the installer even without a detected NVIDIA GPU
 *
 * Windows (DirectML) and macOS (CoreML) need no download: onnxruntime-node bundles them.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

import type { HardwareInfo, ProvidersReport } from '../app/contract/models.ts';
import { probeHardware } from '../main/core/models/hardware-probe.ts';
import { detectProviders } from '../main/core/models/provider-detection.ts';
import { CUDA_PROVIDER_FILES, findOrtBinDir } from '../main/core/models/providers.ts';

export interface InstallerRun {
  code: number;
  output: string;
}

export interface SetupGpuDeps {
  platform: string;
  arch: string;
  probe: () => Promise<HardwareInfo>;
  detect: (hardware: HardwareInfo) => Promise<ProvidersReport>;
  /** Runs onnxruntime-node's install script with these arguments and environment. */
  runInstaller: (args: string[], env: NodeJS.ProcessEnv) => Promise<InstallerRun>;
  providerFilesPresent: () => boolean;
  env: NodeJS.ProcessEnv;
  print: (line: string) => void;
}

export const USAGE = 'usage: npm run setup:gpu [-- --check] [-- --force]';

/** onnxruntime-node's installer uses global-agent, which reads GLOBAL_AGENT_* variables. */
export function installerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const pick = (name: string) => env[name] ?? env[name.toLowerCase()];
  const proxy: NodeJS.ProcessEnv = {};
  const https = pick('HTTPS_PROXY');
  const http = pick('HTTP_PROXY');
  const none = pick('NO_PROXY');
  if (https !== undefined) {
    proxy.GLOBAL_AGENT_HTTPS_PROXY = https;
  }
  if (http !== undefined) {
    proxy.GLOBAL_AGENT_HTTP_PROXY = http;
  }
  if (none !== undefined) {
    proxy.GLOBAL_AGENT_NO_PROXY = none;
  }
  return { ...env, ...proxy, ONNXRUNTIME_NODE_INSTALL: 'cuda12' };
}

/** A message for the installer's failure; network failures say what to check. */
export function explainInstallerFailure(output: string): string {
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|getaddrinfo/i.test(output)) {
    return [
      'Could not download the CUDA provider: api.nuget.org cannot be reached from this machine.',
      'Connect to the internet, or set HTTPS_PROXY (and NO_PROXY) if you are behind a proxy, then run `npm run setup:gpu` again.',
      'Without it the studio still works, on the CPU.',
    ].join('\n');
  }
  const last = output.trim().split('\n').slice(-3).join('\n');
  return `onnxruntime-node's installer failed:\n${last}`;
}

function printReport(report: ProvidersReport, print: (line: string) => void): void {
  print(`Execution provider: ${report.preferred.toUpperCase()}. ${report.why}`);
  for (const provider of report.providers) {
    const mark = provider.usable ? 'usable' : 'not usable';
    print(`  ${provider.id.padEnd(6)} ${mark}: ${provider.reason}`);
    if (!provider.usable && provider.fix !== null) {
      print(`         fix: ${provider.fix}`);
    }
  }
}

/** Returns the exit code. */
export async function runSetupGpu(argv: string[], deps: SetupGpuDeps): Promise<number> {
  let values: { check?: boolean; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        check: { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    deps.print(error instanceof Error ? error.message : String(error));
    deps.print(USAGE);
    return 2;
  }
  if (values.help === true) {
    deps.print(USAGE);
    return 0;
  }
  const hardware = await deps.probe();
  const cudaPlatform = deps.platform === 'linux' && deps.arch === 'x64';
  if (values.check !== true && cudaPlatform && !deps.providerFilesPresent()) {
    const nvidia = hardware.gpus.some((gpu) => gpu.vendor === 'nvidia');
    if (!nvidia && values.force !== true) {
      deps.print(
        'No NVIDIA GPU was found (nvidia-smi is missing or lists none), so the CUDA provider is not installed.',
      );
      deps.print(
        'Install the NVIDIA driver first, or run `npm run setup:gpu -- --force` to install it anyway.',
      );
    } else {
      deps.print(
        'Installing ONNX Runtime’s CUDA 12 provider with onnxruntime-node’s installer (from NuGet)…',
      );
      const run = await deps.runInstaller(
        ['--onnxruntime-node-install=cuda12'],
        installerEnv(deps.env),
      );
      if (run.code !== 0 || !deps.providerFilesPresent()) {
        deps.print(explainInstallerFailure(run.output));
        printReport(await deps.detect(hardware), deps.print);
        return 1;
      }
      deps.print('The CUDA provider is installed.');
    }
  } else if (values.check !== true && !cudaPlatform) {
    deps.print(
      deps.platform === 'win32'
        ? 'Nothing to download: onnxruntime-node bundles DirectML on Windows.'
        : deps.platform === 'darwin'
          ? 'Nothing to download: onnxruntime-node bundles CoreML on macOS.'
          : 'onnxruntime-node offers no GPU provider for this platform; the studio runs on the CPU.',
    );
  } else if (values.check !== true) {
    deps.print('The CUDA provider is already installed.');
  }
  printReport(await deps.detect(hardware), deps.print);
  return 0;
}

function realDeps(): SetupGpuDeps {
  const script = join(
    dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json')),
    'script',
    'install.js',
  );
  const binDir = findOrtBinDir(process.platform, process.arch);
  return {
    platform: process.platform,
    arch: process.arch,
    probe: () => probeHardware(),
    detect: detectProviders,
    providerFilesPresent: () =>
      binDir !== null && CUDA_PROVIDER_FILES.every((file) => existsSync(join(binDir, file))),
    env: process.env,
    print: (line) => {
      console.log(line);
    },
    runInstaller: (args, env) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [script, ...args], { env, cwd: dirname(script) });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('close', (code) => {
          resolve({ code: code ?? 1, output });
        });
        child.on('error', (error) => {
          resolve({ code: 1, output: error.message });
        });
      }),
  };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  process.exit(await runSetupGpu(process.argv.slice(2), realDeps()));
}
