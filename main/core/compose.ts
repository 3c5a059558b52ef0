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
import type { LmRuntime } from './inference/lm/lm-handlers.ts';
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
  // DAW export
  /** How exports write files; tests inject one that fails (a full disk). */
  exportWriter?: ExportFileWriter;
  /** The audio engine exports render with; tests may inject a fake. */
  exportAudio?: ExportAudioEngine;
  // LM planner
  /** The 5 Hz LM (simple mode, rewriting, understanding); absent → lm.* answer UNAVAILABLE. */
  lm?: LmRuntime;
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
    const jobs = store.add(new JobRegistry(db.jobs, events, log, now));
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
        exportAudio: config.exportAudio ?? studioExportAudio(),
        exportWriter: config.exportWriter ?? nodeFileWriter,
        lm: config.lm,
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
      libraryIntegrity: () => db.integrityCheck(),
      dispose: () => store.dispose(),
    };
  } catch (error) {
    await store.dispose();
    throw error;
  }
}
