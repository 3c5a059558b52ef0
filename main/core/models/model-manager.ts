/**
 * The model manager service: the catalog joined with what is on disk, one job per install,
 * import and verification, pause (keep the download) versus cancel (discard it), removal, the
 * download source, and the hardware report with its recommendation.
 */
import { mkdir, readdir } from 'node:fs/promises';

import type {
  HardwareInfo,
  ModelComponentView,
  ModelsHardwareReport,
  ModelsOverview,
  ModelTaskView,
  ProvidersReport,
} from '../../../app/contract/models.ts';
import { isStudioError, StudioError } from '../../../app/errors.ts';
import type { Logger } from '../../../app/log.ts';
import type { JobId } from '../../../app/model/ids.ts';
import type { IoContract } from '../inference/contract/io-contract.ts';
import type { SecretStore } from '../ports.ts';
import type { EventBus } from '../services/event-bus.ts';
import type { ChosenFile } from '../services/file-tokens.ts';
import type { JobRegistry } from '../services/job-registry.ts';
import { type Catalog, type CatalogComponent, findComponent, type Precision } from './catalog.ts';
import { freeBytes } from './disk-space.ts';
import { createAgents, type HttpAgents } from './download/http-client.ts';
import type { ProxyEnv } from './download/proxy-env.ts';
import type { RetryPolicy } from './download/retry.ts';
import { probeHardware } from './hardware-probe.ts';
import { importComponents } from './import-folder.ts';
import { installPack } from './install-pack.ts';
import {
  componentDir,
  discardFolder,
  readStaged,
  stagingDir,
  sweepTrash,
} from './model-folders.ts';
import { type ModelLibraryScan, scanModelLibrary } from './model-library.ts';
import { ModelSource } from './model-source.ts';
import { packBytes } from './pack-manifest.ts';
import { detectProviders } from './provider-detection.ts';
import { recommend } from './recommend.ts';
import { verifyInstalled } from './verify-installed.ts';

export interface ModelManagerOptions {
  modelsDir: string;
  loadCatalog: () => Promise<Catalog>;
  loadContract: () => Promise<IoContract>;
  jobs: JobRegistry;
  events: EventBus;
  secrets: SecretStore;
  /** Where the download-source settings live (JSON). */
  settingsPath: string;
  env: ProxyEnv;
  log: Logger;
  now: () => number;
  retry?: RetryPolicy;
  probeHardware?: () => Promise<HardwareInfo>;
  detectProviders?: (hardware: HardwareInfo) => Promise<ProvidersReport>;
  freeSpace?: (dir: string) => Promise<number>;
}

interface Setup {
  catalog: Catalog;
  contract: IoContract;
}

interface ActiveInstall {
  jobId: JobId;
  precision: Precision;
  paused: boolean;
  bytesDone: number;
  bytesTotal: number | null;
}

const HARDWARE_CACHE_MS = 60_000;

export class ModelManager {
  readonly source: ModelSource;
  readonly #options: ModelManagerOptions;
  readonly #log: Logger;
  readonly #agents: HttpAgents;
  readonly #active = new Map<string, ActiveInstall>();
  readonly #verified = new Map<string, string[]>();
  #hardware: { at: number; report: Promise<ModelsHardwareReport> } | null = null;

  readonly #setup: Setup | StudioError;

  private constructor(options: ModelManagerOptions, setup: Setup | StudioError) {
    this.#options = options;
    this.#setup = setup;
    this.#log = options.log.child('models');
    this.#agents = createAgents(options.env);
    this.source = new ModelSource(
      options.settingsPath,
      options.secrets,
      () => this.#catalog(),
      options.env,
    );
  }

  /**
   * Opens the models folder. A missing or invalid catalog does not stop the studio: every
   * model call then fails with the catalog's error, and everything else keeps working.
   */
  static async open(options: ModelManagerOptions): Promise<ModelManager> {
    await mkdir(options.modelsDir, { recursive: true });
    await sweepTrash(options.modelsDir);
    let setup: Setup | StudioError;
    try {
      setup = { catalog: await options.loadCatalog(), contract: await options.loadContract() };
    } catch (error) {
      setup = isStudioError(error)
        ? error
        : new StudioError('MODEL_CORRUPT', 'The model catalog could not be read.');
      options.log.error('models.catalog_unavailable', { error: setup.message });
    }
    return new ModelManager(options, setup);
  }

  #ready(): Setup {
    if (this.#setup instanceof StudioError) {
      throw this.#setup;
    }
    return this.#setup;
  }

  #catalog(): Catalog {
    return this.#ready().catalog;
  }

  get modelsDir(): string {
    return this.#options.modelsDir;
  }

  #changed(): void {
    this.#options.events.emit('models.changed', {});
  }

  async #view(component: CatalogComponent, scan: ModelLibraryScan): Promise<ModelComponentView> {
    const { modelsDir } = this.#options;
    const base = {
      id: component.id,
      kind: component.kind,
      title: component.title,
      summary: component.summary,
      licence: component.licence.id,
      licenceSource: component.licence.source,
      upstream: `${component.upstream.repo} · ${component.upstream.folder}`,
      graphs: component.graphs,
      sizes: {
        fp32: component.precisions.fp32.approxBytes,
        fp16: component.precisions.fp16.approxBytes,
      },
      vramGb: component.vramGb,
      tasks: component.traits.tasks,
    };
    const active = this.#active.get(component.id);
    if (active !== undefined) {
      return {
        ...base,
        state: 'installing',
        precision: active.precision,
        bytesOnDisk: active.bytesDone,
        bytesTotal: active.bytesTotal,
        jobId: active.jobId,
        problem: null,
      };
    }
    const installed = scan.installed.find((c) => c.id === component.id);
    const damaged = scan.damaged.find((c) => c.id === component.id);
    const manifest = installed?.manifest ?? damaged?.manifest ?? null;
    if (installed !== undefined || damaged !== undefined) {
      const problems = [
        ...(damaged?.problems.map((p) => p.message) ?? []),
        ...(this.#verified.get(component.id) ?? []),
      ];
      return {
        ...base,
        state: problems.length > 0 ? 'corrupt' : 'installed',
        precision:
          manifest?.precision === 'fp32' || manifest?.precision === 'fp16'
            ? manifest.precision
            : null,
        bytesOnDisk: manifest === null ? 0 : packBytes(manifest),
        bytesTotal: null,
        jobId: null,
        problem: problems.length > 0 ? problems.join('; ') : null,
      };
    }
    const staged = await readStaged(modelsDir, component.id, this.#ready().contract);
    return {
      ...base,
      state: staged === null ? 'available' : 'paused',
      precision: staged?.record.precision ?? null,
      bytesOnDisk: staged?.bytesOnDisk ?? 0,
      bytesTotal: staged?.bytesTotal ?? null,
      jobId: null,
      problem: null,
    };
  }

  async overview(): Promise<ModelsOverview> {
    const { modelsDir } = this.#options;
    const { catalog, contract } = this.#ready();
    const scan = await scanModelLibrary(modelsDir, { contract, verify: 'size', log: this.#log });
    const components = await Promise.all(catalog.components.map((c) => this.#view(c, scan)));
    const ready = new Set(components.filter((c) => c.state === 'installed').map((c) => c.id));
    const tasks: ModelTaskView[] = catalog.tasks.map((task) => {
      const unmet = task.needs.filter((need) => !need.some((id) => ready.has(id)));
      return {
        id: task.id,
        title: task.title,
        ready: unmet.length === 0,
        missing: unmet.map((need) =>
          need.includes(task.suggest) ? task.suggest : (need[0] ?? ''),
        ),
      };
    });
    const free = await (this.#options.freeSpace ?? freeBytes)(modelsDir).catch(() => null);
    return {
      modelsDir,
      components,
      tasks,
      source: await this.source.view(),
      freeBytes: free === null ? null : Math.max(0, Math.floor(free)),
    };
  }

  install(componentId: string, precision: Precision): JobId {
    const component = findComponent(this.#catalog(), componentId);
    if (this.#active.has(componentId)) {
      throw new StudioError('CONFLICT', `${component.title} is already being installed.`);
    }
    const active: ActiveInstall = {
      jobId: '' as JobId,
      precision,
      paused: false,
      bytesDone: 0,
      bytesTotal: null,
    };
    active.jobId = this.#options.jobs.start({
      kind: 'models.install',
      label: `Install ${component.title} (${precision})`,
      projectId: null,
      plan: [
        ['prepare', 0.02],
        ['download', 0.98],
      ],
      run: async (context) => {
        try {
          context.progress('prepare', 0);
          return await installPack({
            modelsDir: this.#options.modelsDir,
            catalog: this.#catalog(),
            contract: this.#ready().contract,
            component,
            precision,
            source: await this.source.resolve(),
            agents: this.#agents,
            log: context.log,
            signal: context.signal,
            now: this.#options.now,
            onProgress: (p) => {
              active.bytesDone = p.bytesDone;
              active.bytesTotal = p.bytesTotal;
              context.progress('download', p.fraction, {
                step: p.step,
                totalSteps: p.totalSteps,
                bytesDone: p.bytesDone,
                bytesTotal: p.bytesTotal,
                bytesPerSecond: p.bytesPerSecond,
                ...(p.etaMs === undefined ? {} : { etaMs: p.etaMs }),
              });
            },
            ...(this.#options.retry === undefined ? {} : { retry: this.#options.retry }),
            ...(this.#options.freeSpace === undefined
              ? {}
              : { freeSpace: this.#options.freeSpace }),
          });
        } catch (error) {
          // Pause keeps the staging folder for a resume; anything else (cancel, a failure
          // that a resume cannot fix) leaves nothing behind.
          const keep = active.paused || !isStudioError(error) || error.code === 'UNAVAILABLE';
          if (!keep) {
            await discardFolder(
              this.#options.modelsDir,
              stagingDir(this.#options.modelsDir, componentId),
            );
          }
          throw error;
        } finally {
          this.#active.delete(componentId);
          this.#verified.delete(componentId);
          this.#changed();
        }
      },
    });
    this.#active.set(componentId, active);
    this.#changed();
    return active.jobId;
  }

  pause(componentId: string): void {
    findComponent(this.#catalog(), componentId);
    const active = this.#active.get(componentId);
    if (active === undefined) {
      throw new StudioError('CONFLICT', 'Nothing is downloading for this component.');
    }
    active.paused = true;
    this.#options.jobs.cancel(
      active.jobId,
      new StudioError('CANCELLED', 'Paused. Install again to resume where it stopped.'),
    );
  }

  async remove(componentId: string): Promise<void> {
    findComponent(this.#catalog(), componentId);
    const active = this.#active.get(componentId);
    if (active !== undefined) {
      this.#options.jobs.cancel(active.jobId);
      await this.#options.jobs.settled(active.jobId);
    }
    const { modelsDir } = this.#options;
    await discardFolder(modelsDir, stagingDir(modelsDir, componentId));
    await discardFolder(modelsDir, componentDir(modelsDir, componentId));
    this.#verified.delete(componentId);
    this.#log.info('models.removed', { componentId });
    this.#changed();
  }

  verify(componentId: string): JobId {
    const component = findComponent(this.#catalog(), componentId);
    return this.#options.jobs.start({
      kind: 'models.verify',
      label: `Verify ${component.title}`,
      projectId: null,
      plan: [['verify', 1]],
      run: async (context) => {
        const result = await verifyInstalled({
          modelsDir: this.#options.modelsDir,
          contract: this.#ready().contract,
          componentId,
          signal: context.signal,
          onProgress: (fraction) => {
            context.progress('verify', fraction);
          },
        });
        if (result.ok) {
          this.#verified.delete(componentId);
        } else {
          this.#verified.set(componentId, result.problems);
        }
        this.#changed();
        return result;
      },
    });
  }

  importFolder(chosen: ChosenFile): JobId {
    return this.#options.jobs.start({
      kind: 'models.import',
      label: `Import models from “${chosen.name}”`,
      projectId: null,
      plan: [['read', 1]],
      run: async (context) => {
        try {
          return await importComponents({
            modelsDir: this.#options.modelsDir,
            catalog: this.#catalog(),
            contract: this.#ready().contract,
            sourceDir: chosen.path,
            signal: context.signal,
            log: context.log,
            onProgress: (p) => {
              context.progress('read', p.fraction, {
                bytesDone: p.bytesDone,
                bytesTotal: p.bytesTotal,
              });
            },
            ...(this.#options.freeSpace === undefined
              ? {}
              : { freeSpace: this.#options.freeSpace }),
          });
        } finally {
          this.#changed();
        }
      },
    });
  }

  /** Hardware, providers and recommendation; probed at most once a minute. */
  hardwareReport(): Promise<ModelsHardwareReport> {
    const now = this.#options.now();
    if (this.#hardware === null || now - this.#hardware.at > HARDWARE_CACHE_MS) {
      const report = (async () => {
        const hardware = await (this.#options.probeHardware ?? probeHardware)();
        const providers = await (this.#options.detectProviders ?? detectProviders)(hardware);
        this.#log.info('models.hardware', {
          preferred: providers.preferred,
          gpus: hardware.gpus.length,
        });
        return {
          hardware,
          providers,
          recommendation: recommend(this.#catalog(), hardware, providers),
        };
      })();
      this.#hardware = { at: now, report };
      report.catch(() => {
        this.#hardware = null;
      });
    }
    return this.#hardware.report;
  }

  /** Folders in the models folder that are not dot-folders (for diagnostics and tests). */
  async installedFolders(): Promise<string[]> {
    const names = await readdir(this.#options.modelsDir).catch(() => [] as string[]);
    return names.filter((name) => !name.startsWith('.')).sort();
  }

  dispose(): void {
    this.#agents.destroy();
  }
}
