/** The contract's handlers: thin translations from validated params to services. */
import type { Handlers } from '../../app/contract/dispatch.ts';
import { CONTRACT_VERSION } from '../../app/contract/version.ts';
import { StudioError } from '../../app/errors.ts';
import { exportProjectArchive, importProjectArchive } from './archive/project-archive.ts';
import type { ExportAudioEngine } from './export/export-audio.ts';
import { createExportHandlers } from './export/export-handlers.ts';
import type { ExportFileWriter } from './export/file-writer.ts';
import { lmHandlers, type LmRuntime } from './inference/lm/lm-handlers.ts';
import type { InferenceClient } from './inference/process/inference-client.ts';
import { generationHandlers } from './inference/service/generation-handlers.ts';
import type { GenerationService } from './inference/service/generation-service.ts';
import { mediaHandlers } from './media/media-handlers.ts';
import { modelHandlers } from './models/model-handlers.ts';
import type { ModelManager } from './models/model-manager.ts';
import type { HostPorts } from './ports.ts';
import type { ArtifactRegistry } from './services/artifacts.ts';
import type { FileTokenRegistry } from './services/file-tokens.ts';
import type { JobRegistry } from './services/job-registry.ts';
import type { ProjectLibrary } from './services/project-library.ts';
import { workflowHandlers } from './workflows/workflow-handlers.ts';
import type { WorkflowService } from './workflows/workflow-service.ts';

export interface HandlerDeps {
  host: 'electron' | 'server';
  appVersion: string;
  exportsDir: string;
  library: ProjectLibrary;
  jobs: JobRegistry;
  files: FileTokenRegistry;
  artifacts: ArtifactRegistry;
  models: ModelManager;
  ports: HostPorts;
  // DAW export
  exportAudio: ExportAudioEngine;
  exportWriter: ExportFileWriter;
  // LM planner: the 5 Hz LM behind the inference process; absent → lm.* answer UNAVAILABLE.
  lm?: LmRuntime | undefined;
  /** null when the host runs without an inference process. */
  generation: GenerationService | null;
  /** The inference process's client (inference.status); null without one. */
  inferenceClient: InferenceClient | null;
  // workflows (timeline)
  workflows: WorkflowService;
}

/** DAW export. */
function exportHandlersOf(deps: HandlerDeps) {
  return createExportHandlers({
    host: deps.host,
    appVersion: deps.appVersion,
    exportsDir: deps.exportsDir,
    library: deps.library,
    jobs: deps.jobs,
    artifacts: deps.artifacts,
    audio: deps.exportAudio,
    writer: deps.exportWriter,
    dragOut: deps.ports.dragOut,
  });
}

/** Project archives: export one project to a file, import a file as a new project. */
function archiveHandlers(
  deps: HandlerDeps,
): Pick<Handlers, 'project.exportArchive' | 'project.importArchive'> {
  const { library, jobs } = deps;
  return {
    'project.exportArchive': ({ projectId }) => {
      const record = library.record(projectId);
      const jobId = jobs.start({
        kind: 'project.exportArchive',
        label: `Export “${record.name}”`,
        projectId,
        plan: [
          ['prepare', 0.1],
          ['write', 0.9],
        ],
        run: async (context) => {
          const file = await exportProjectArchive(library, projectId, deps.exportsDir, context);
          return deps.artifacts.register(file);
        },
      });
      return { jobId };
    },
    'project.importArchive': ({ file }) => {
      const chosen = deps.files.resolve(file);
      const jobId = jobs.start({
        kind: 'project.importArchive',
        label: `Import “${chosen.name}”`,
        projectId: null,
        plan: [
          ['read', 0.9],
          ['verify', 0.1],
        ],
        run: (context) => importProjectArchive(library, chosen.path, context),
      });
      return { jobId };
    },
  };
}

type GroupMethods =
  | keyof ReturnType<typeof archiveHandlers>
  | keyof ReturnType<typeof modelHandlers>
  | keyof ReturnType<typeof lmHandlers>
  | keyof ReturnType<typeof mediaHandlers>
  | keyof ReturnType<typeof exportHandlersOf>
  | keyof ReturnType<typeof workflowHandlers>;

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...coreHandlers(deps),
    ...archiveHandlers(deps),
    ...modelHandlers(deps.models, deps.files),
    // LM planner
    ...lmHandlers({ jobs: deps.jobs, library: deps.library, runtime: deps.lm }),
    // media (audio engine)
    ...mediaHandlers(deps),
    // DAW export
    ...exportHandlersOf(deps),
    // workflows (timeline)
    ...workflowHandlers(deps.library, deps.workflows),
  };
}

/** System, projects, jobs, files, artifacts and the view state. */
function coreHandlers(deps: HandlerDeps): Omit<Handlers, GroupMethods> {
  const { library, jobs } = deps;
  return {
    'system.hello': ({ contractVersion }) => {
      if (contractVersion !== CONTRACT_VERSION) {
        throw new StudioError(
          'CONTRACT_MISMATCH',
          `This studio speaks contract ${CONTRACT_VERSION}; the window speaks ${contractVersion}. Reload the window.`,
          { host: CONTRACT_VERSION, client: contractVersion },
        );
      }
      return { contractVersion: CONTRACT_VERSION, appVersion: deps.appVersion, host: deps.host };
    },
    'project.list': ({ query }) => library.list(query),
    'project.create': (params) => library.create(params),
    'project.get': ({ projectId }) => library.snapshot(projectId),
    'project.rename': ({ projectId, name }) => library.rename(projectId, name),
    'project.duplicate': ({ projectId, name }) => library.duplicate(projectId, name),
    'project.delete': ({ projectId }) => library.delete(projectId),
    'project.applyEdits': ({ projectId, baseRevision, edits, label }) => ({
      revision: library.applyEdits(projectId, baseRevision, edits, label).revision,
    }),
    'project.undo': ({ projectId }) => ({ revision: library.undo(projectId).revision }),
    'project.redo': ({ projectId }) => ({ revision: library.redo(projectId).revision }),
    'job.list': () => jobs.list(),
    'job.get': ({ jobId }) => jobs.get(jobId),
    'job.cancel': ({ jobId }) => {
      jobs.get(jobId);
      jobs.cancel(jobId);
      return null;
    },
    'file.pick': async ({ purpose, multiple }) => {
      const picked = await deps.ports.filePicker.pick({ purpose, multiple: multiple ?? false });
      return picked.map((chosen) => ({
        file: deps.files.issue(chosen),
        name: chosen.name,
        bytes: chosen.bytes,
      }));
    },
    'artifact.open': ({ artifactId }) => {
      const artifact = deps.artifacts.resolve(artifactId);
      return deps.ports.artifacts.open({ artifactId, path: artifact.path });
    },
    // timeline
    'project.getView': ({ projectId }) => library.view(projectId),
    'project.setView': ({ projectId, patch }) => library.setView(projectId, patch),
    // inference
    ...generationHandlers(library, deps.generation, deps.inferenceClient),
  };
}
