/**
 * Real services over a temp data folder with the real inference process (forked from
 * tests/fixtures/inference-test-child.ts) on the CPU, plus starting a job through the contract
 * and collecting its progress.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { JobFinished, JobProgressed } from '../../app/contract/jobs.ts';
import { createLogger } from '../../app/log.ts';
import { createServices, type Services } from '../../main/core/compose.ts';
import type { InferenceConfig } from '../../main/core/inference/service/inference-services.ts';
import { forkChannel } from '../../main/core/process/child-process-channel.ts';
import { fakePorts } from './fake-ports.ts';
import { IO_CONTRACT_PATH } from './io-contract.ts';

const CHILD = fileURLToPath(new URL('../fixtures/inference-test-child.ts', import.meta.url));
const RESOURCES = fileURLToPath(new URL('../../resources', import.meta.url));

/**
 * Services over `dataDir` (trash under `root`) whose inference process runs on one CPU thread
 * with unlimited memory; `inference` overrides those settings.
 */
export function openInferenceServices(
  dataDir: string,
  root: string,
  inference: Partial<Omit<InferenceConfig, 'channel' | 'contractPath'>> = {},
): Promise<Services> {
  return createServices(
    {
      dataDir,
      host: 'server',
      appVersion: '0.0.0-test',
      log: createLogger(() => undefined),
      resourcesDir: RESOURCES,
      inference: {
        channel: () => forkChannel(CHILD),
        contractPath: IO_CONTRACT_PATH,
        providers: ['cpu'],
        intraOpThreads: 1,
        availableMemory: () => ({ bytes: Number.MAX_SAFE_INTEGER, what: 'test memory' }),
        ...inference,
      },
    },
    fakePorts(join(root, 'trash')),
  );
}

/**
 * Dispatches `method` (one that answers `{ jobId }`), then resolves with the job's
 * job.finished payload and the job.progressed events it sent, in order.
 */
export async function dispatchJob(
  services: Services,
  method: string,
  params: Record<string, unknown>,
): Promise<{ finished: JobFinished; progress: JobProgressed[] }> {
  const progress: JobProgressed[] = [];
  let jobId: string | undefined = undefined;
  const finished = new Promise<JobFinished>((resolve) => {
    const off = services.events.subscribe((event, payload) => {
      const p = payload as JobProgressed & JobFinished;
      if (event === 'job.progressed' && p.jobId === jobId) {
        progress.push(p);
      }
      if (event === 'job.finished' && p.jobId === jobId) {
        off();
        resolve(p);
      }
    });
  });
  const answer = await services.dispatch(method, params, {
    signal: new AbortController().signal,
  });
  if (!answer.ok) {
    throw new Error(`${answer.error.code}: ${answer.error.message}`);
  }
  jobId = (answer.value as { jobId: string }).jobId;
  return { finished: await finished, progress };
}
