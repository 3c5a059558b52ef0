/**
 * createServices: the one place core services are built and wired. Both hosts (Electron and
 * the headless server) and the tests call it; only the ports differ.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { createDispatch, type Dispatch } from '../../app/contract/dispatch.ts';
import { DisposableStore } from '../../app/lifecycle.ts';
import type { Logger } from '../../app/log.ts';
import { type LibraryDb, openLibraryDb } from './db/library-db.ts';
import type { ExportAudioEngine } from './export/export-audio.ts';
import { studioExportAudio } from './export/export-audio-engine.ts';
import { type ExportFileWriter, nodeFileWriter } from './export/file-writer.ts';
import { createHandlers } from './handlers.ts';
import { loadIoContract } from './inference/contract/io-contract.ts';
import type { LmRuntime } from './inference/lm/lm-handlers.ts';
import {
  createInferenceServices,
  type InferenceConfig,
  type InferenceServices,
} from './inference/service/inference-services.ts';
import { loadCatalog } from './models/catalog.ts';
import { ModelManager, type ModelManagerOptions } from './models/model-manager.ts';
import type { HostPorts } from './ports.ts';
import { ArtifactRegistry } from './services/artifacts.ts';
import { EventBus } from './services/event-bus.ts';
import { FileTokenRegistry } from './services/file-tokens.ts';
import { JobRegistry } from './services/job-registry.ts';
import { ProjectLibrary } from './services/project-library.ts';
import { WorkflowService } from './workflows/workflow-service.ts';

export interface ServicesConfig {
  /** Where the library lives: library.sqlite, projects/, exports/, uploads/. */
  dataDir: string;
  host: 'electron' | 'server';
  appVersion: string;
  log: Logger;
  /** Epoch milliseconds; injectable for tests. */
  now?: () => number;
  // DAW export
  /** How exports write files; tests inject one that fails (a full disk). */
  exportWriter?: ExportFileWriter;
  /** The audio engine exports render with; tests may inject a fake. */
  exportAudio?: ExportAudioEngine;
  /** The packaged resources folder (catalog, IO contract). */
  resourcesDir: string;
  /** Where model components are installed; default `<dataDir>/models`. */
  modelsDir?: string;
  /** Proxy and model-source variables (HTTPS_PROXY, NO_PROXY, HF_ENDPOINT, ...); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Model-manager test hooks: retry timing, hardware, free space. */
  modelHooks?: Partial<
    Pick<ModelManagerOptions, 'retry' | 'probeHardware' | 'detectProviders' | 'freeSpace'>
  >;
  // LM planner
  /**
   * The 5 Hz LM (simple mode, rewriting, understanding); default: the inference process's
   * (InferenceLmRuntime). Without either, lm.* answer UNAVAILABLE.
   */
  lm?: LmRuntime;
  /** The inference process; without it generation.start answers UNAVAILABLE. */
  inference?: InferenceConfig;
}

export interface StudioPaths {
  dataDir: string;
  exportsDir: string;
  uploadsDir: string;
  modelsDir: string;
  resourcesDir: string;
}

export interface Services {
  dispatch: Dispatch;
  events: EventBus;
  library: ProjectLibrary;
  jobs: JobRegistry;
  files: FileTokenRegistry;
  artifacts: ArtifactRegistry;
  models: ModelManager;
  paths: StudioPaths;
  /** The inference client and generation service, when configured. */
  inference: InferenceServices | null;
  /** The timeline workflows (generate, add layer, repaint, stems...). */
  workflows: WorkflowService;
  /** For diagnostics and tests: `PRAGMA integrity_check` of the library database. */
  libraryIntegrity(): string;
  dispose(): Promise<void>;
}

/** Removes temp files a crash left in a folder ("tmp-" prefixes, see fs/atomic.ts). */
async function removeStrays(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir)) {
    if (name.startsWith('.tmp-')) {
      await rm(join(dir, name), { recursive: true, force: true });
    }
  }
}

async function openModels(
  config: ServicesConfig,
  paths: StudioPaths,
  deps: { jobs: JobRegistry; events: EventBus; ports: HostPorts; now: () => number },
): Promise<ModelManager> {
  return ModelManager.open({
    modelsDir: paths.modelsDir,
    loadCatalog: () => loadCatalog(paths.resourcesDir),
    loadContract: () => loadIoContract(join(paths.resourcesDir, 'inference', 'io-contract.json')),
    jobs: deps.jobs,
    events: deps.events,
    secrets: deps.ports.secrets,
    settingsPath: join(config.dataDir, 'settings', 'model-source.json'),
    env: config.env ?? process.env,
    log: config.log,
    now: deps.now,
    ...config.modelHooks,
  });
}

function studioPaths(config: ServicesConfig): StudioPaths {
  return {
    dataDir: config.dataDir,
    exportsDir: join(config.dataDir, 'exports'),
    uploadsDir: join(config.dataDir, 'uploads'),
    modelsDir: config.modelsDir ?? join(config.dataDir, 'models'),
    resourcesDir: config.resourcesDir,
  };
}

/** The inference client and generation service over the one model library, when configured. */
function openInference(
  config: ServicesConfig,
  paths: StudioPaths,
  deps: { library: ProjectLibrary; jobs: JobRegistry; now: () => number },
): InferenceServices | null {
  if (config.inference === undefined) {
    return null;
  }
  return createInferenceServices(
    { ...config.inference, modelsDir: config.inference.modelsDir ?? paths.modelsDir },
    {
      dataDir: config.dataDir,
      library: deps.library,
      jobs: deps.jobs,
      log: config.log,
      now: deps.now,
    },
  );
}

export async function createServices(config: ServicesConfig, ports: HostPorts): Promise<Services> {
  const now = config.now ?? (() => Date.now());
  const log = config.log;
  const paths = studioPaths(config);
  await mkdir(config.dataDir, { recursive: true });
  await removeStrays(paths.exportsDir);
  await rm(paths.uploadsDir, { recursive: true, force: true });
  await mkdir(paths.uploadsDir, { recursive: true });

  const store = new DisposableStore();
  const db: LibraryDb = openLibraryDb(join(config.dataDir, 'library.sqlite'), log);
  store.addFn(() => {
    db.close();
  });
  try {
    const events = new EventBus(log);
    const library = new ProjectLibrary({
      dataDir: config.dataDir,
      db,
      events,
      trash: ports.trash,
      log,
      now,
    });
    await library.init();
    store.addFn(() => {
      library.dispose();
    });
    const files = store.add(new FileTokenRegistry(now));
    const jobs = new JobRegistry(db.jobs, events, log, now);
    // The inference client is disposed after the jobs (which cancel its tasks first).
    const inference = openInference(config, paths, { library, jobs, now });
    if (inference !== null) {
      store.addFn(() => inference.client.dispose());
    }
    store.add(jobs);
    const artifacts = new ArtifactRegistry(db.artifacts, now);
    const models = store.add(await openModels(config, paths, { jobs, events, ports, now }));
    const generation = inference?.generation ?? null;
    const workflows = new WorkflowService({ library, jobs, generation, log, now });
    const dispatch = createDispatch(
      createHandlers({
        host: config.host,
        appVersion: config.appVersion,
        exportsDir: paths.exportsDir,
        library,
        jobs,
        files,
        artifacts,
        models,
        ports,
        exportAudio: config.exportAudio ?? studioExportAudio(library),
        exportWriter: config.exportWriter ?? nodeFileWriter,
        // An injected LM (tests) wins; else the inference process's.
        lm: config.lm ?? inference?.lm,
        generation,
        inferenceClient: inference?.client ?? null,
        workflows,
      }),
      { log },
    );
    log.info('services.ready', { dataDir: config.dataDir, host: config.host });
    return {
      dispatch,
      events,
      library,
      jobs,
      files,
      artifacts,
      models,
      paths,
      inference,
      workflows,
      libraryIntegrity: () => db.integrityCheck(),
      dispose: () => store.dispose(),
    };
  } catch (error) {
    await store.dispose();
    throw error;
  }
}
