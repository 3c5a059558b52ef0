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
import { createHandlers } from './handlers.ts';
import {
  createInferenceServices,
  type InferenceConfig,
  type InferenceServices,
} from './inference/service/inference-services.ts';
import type { HostPorts } from './ports.ts';
import { ArtifactRegistry } from './services/artifacts.ts';
import { EventBus } from './services/event-bus.ts';
import { FileTokenRegistry } from './services/file-tokens.ts';
import { JobRegistry } from './services/job-registry.ts';
import { ProjectLibrary } from './services/project-library.ts';

export interface ServicesConfig {
  /** Where the library lives: library.sqlite, projects/, exports/, uploads/. */
  dataDir: string;
  host: 'electron' | 'server';
  appVersion: string;
  log: Logger;
  /** Epoch milliseconds; injectable for tests. */
  now?: () => number;
  /** The inference process; without it generation.start answers UNAVAILABLE. */
  inference?: InferenceConfig;
}

export interface StudioPaths {
  dataDir: string;
  exportsDir: string;
  uploadsDir: string;
}

export interface Services {
  dispatch: Dispatch;
  events: EventBus;
  library: ProjectLibrary;
  jobs: JobRegistry;
  files: FileTokenRegistry;
  artifacts: ArtifactRegistry;
  paths: StudioPaths;
  /** The inference client and generation service, when configured. */
  inference: InferenceServices | null;
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

export async function createServices(config: ServicesConfig, ports: HostPorts): Promise<Services> {
  const now = config.now ?? (() => Date.now());
  const log = config.log;
  const paths: StudioPaths = {
    dataDir: config.dataDir,
    exportsDir: join(config.dataDir, 'exports'),
    uploadsDir: join(config.dataDir, 'uploads'),
  };
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
    const inference =
      config.inference === undefined
        ? null
        : createInferenceServices(config.inference, {
            dataDir: config.dataDir,
            library,
            jobs,
            log,
            now,
          });
    if (inference !== null) {
      store.addFn(() => inference.client.dispose());
    }
    store.add(jobs);
    const artifacts = new ArtifactRegistry(db.artifacts, now);
    const dispatch = createDispatch(
      createHandlers({
        host: config.host,
        appVersion: config.appVersion,
        exportsDir: paths.exportsDir,
        library,
        jobs,
        files,
        artifacts,
        ports,
        generation: inference?.generation ?? null,
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
      paths,
      inference,
      libraryIntegrity: () => db.integrityCheck(),
      dispose: () => store.dispose(),
    };
  } catch (error) {
    await store.dispose();
    throw error;
  }
}
