/**
 * Builds the inference client, the 5 Hz LM runtime and the generation service for
 * createServices (main/core/compose). The host supplies the Channel to the inference process
 * and where the contract file is. The LM and the DiT share the one inference process.
 */
import { freemem, totalmem } from 'node:os';
import { join } from 'node:path';

import type { Logger } from '../../../../app/log.ts';
import { studioGeneratedSink, studioSourceReader } from '../../media/inference-audio-ports.ts';
import { scanModelLibrary } from '../../models/model-library.ts';
import type { ChannelFactory } from '../../ports.ts';
import type { JobRegistry } from '../../services/job-registry.ts';
import type { ProjectLibrary } from '../../services/project-library.ts';
import { type IoContract, loadIoContract } from '../contract/io-contract.ts';
import { InferenceLmRuntime } from '../lm/inference-lm-runtime.ts';
import { InferenceClient } from '../process/inference-client.ts';
import type { InitMessage } from '../process/protocol.ts';
import { GenerationService } from './generation-service.ts';

export interface InferenceConfig {
  /** Starts the inference process (utility process in Electron, child process otherwise). */
  channel: ChannelFactory;
  /** resources/inference/io-contract.json */
  contractPath: string;
  /** The model library; default `<dataDir>/models`. */
  modelsDir?: string;
  providers?: InitMessage['providers'];
  intraOpThreads?: number;
  cancelGraceMs?: number;
  /** Memory the pre-flight check allows; default 85 % of RAM (free memory on hosts that report it low). */
  availableMemory?: () => { bytes: number; what: string };
}

export interface InferenceServices {
  client: InferenceClient;
  generation: GenerationService;
  /** The LM behind lm.* and generation thinking (MODEL_MISSING until an LM is installed). */
  lm: InferenceLmRuntime;
  modelsDir: string;
}

export function defaultAvailableMemory(): { bytes: number; what: string } {
  return {
    bytes: Math.max(freemem(), totalmem() * 0.85 - process.memoryUsage().rss),
    what: 'system memory',
  };
}

export function createInferenceServices(
  config: InferenceConfig,
  deps: {
    dataDir: string;
    library: ProjectLibrary;
    jobs: JobRegistry;
    log: Logger;
    now: () => number;
  },
): InferenceServices {
  const modelsDir = config.modelsDir ?? join(deps.dataDir, 'models');
  const client = new InferenceClient({
    channel: config.channel,
    init: {
      contractPath: config.contractPath,
      ...(config.providers === undefined ? {} : { providers: config.providers }),
      ...(config.intraOpThreads === undefined ? {} : { intraOpThreads: config.intraOpThreads }),
    },
    log: deps.log,
    ...(config.cancelGraceMs === undefined ? {} : { cancelGraceMs: config.cancelGraceMs }),
  });
  let contractLoad: Promise<IoContract> | null = null;
  const contract = () => (contractLoad ??= loadIoContract(config.contractPath));
  const workDir = join(deps.dataDir, 'inference-work');
  const lm = new InferenceLmRuntime({
    client,
    modelsDir,
    tempDir: join(workDir, 'lm'),
    scan: async () => scanModelLibrary(modelsDir, { contract: await contract(), log: deps.log }),
  });
  const generation = new GenerationService({
    client,
    contract,
    modelsDir,
    workDir,
    jobs: deps.jobs,
    // The audio store's ports (any imported format, resampled; results as studio audio).
    reader: studioSourceReader(deps.library),
    sink: studioGeneratedSink(deps.library),
    availableMemory: config.availableMemory ?? defaultAvailableMemory,
    lm,
    log: deps.log.child('generation'),
    now: deps.now,
  });
  return { client, generation, lm, modelsDir };
}
