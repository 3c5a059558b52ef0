/**
 * Real services for the benchmarks over a data folder, with inert host ports (trash deletes, no
 * pickers, no secrets) and no environment overrides.
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { noopLogger } from '../../app/log.ts';
import { createServices, type Services } from '../../main/core/compose.ts';
import type { HostPorts } from '../../main/core/ports.ts';

/** Host ports that do nothing a benchmark would wait on; the trash deletes at once. */
export const BENCH_PORTS: HostPorts = {
  trash: { kind: 'folder', trash: (path) => rm(path, { recursive: true, force: true }) },
  filePicker: { pick: () => Promise.resolve([]) },
  artifacts: { open: () => Promise.resolve({ kind: 'revealed' }) },
  secrets: {
    description: 'none (bench)',
    get: () => Promise.resolve(null),
    set: () => Promise.resolve(),
  },
  dragOut: { start: () => undefined },
};

const resourcesDir = fileURLToPath(new URL('../../resources', import.meta.url));

/** Opens the server-host services over `dataDir` (the caller disposes them). */
export function openBenchServices(dataDir: string): Promise<Services> {
  return createServices(
    { dataDir, host: 'server', appVersion: 'bench', log: noopLogger, resourcesDir, env: {} },
    BENCH_PORTS,
  );
}
