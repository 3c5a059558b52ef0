/** The DAW-export methods of the contract: `export.start` (a job) and `export.dragOut`. */
import type { MethodHandler } from '../../../app/contract/dispatch.ts';
import { StudioError } from '../../../app/errors.ts';
import type { ExportOptions, ExportResult } from '../../../app/export/export-options.ts';
import { planExport } from '../../../app/export/export-plan.ts';
import { songTimelineOf } from '../../../app/export/song-timeline.ts';
import type { ProjectId } from '../../../app/model/ids.ts';
import type { DragOut } from '../ports.ts';
import type { ArtifactRegistry } from '../services/artifacts.ts';
import type { JobRegistry } from '../services/job-registry.ts';
import type { ProjectLibrary } from '../services/project-library.ts';
import { DragOutService, dragOutUnavailable } from './drag-out.ts';
import type { ExportAudioEngine } from './export-audio.ts';
import { EXPORT_PHASES, runExport } from './export-job.ts';
import type { ExportFileWriter } from './file-writer.ts';

export interface ExportHandlerDeps {
  host: 'electron' | 'server';
  appVersion: string;
  exportsDir: string;
  library: ProjectLibrary;
  jobs: JobRegistry;
  artifacts: ArtifactRegistry;
  audio: ExportAudioEngine;
  writer: ExportFileWriter;
  dragOut: DragOut;
}

export interface ExportHandlers {
  'export.start': MethodHandler<'export.start'>;
  'export.dragOut': MethodHandler<'export.dragOut'>;
}

/**
 * Plans at once, so a project with nothing to export is refused before any job starts;
 * everything that touches the disk runs in the job.
 */
function startExport(deps: ExportHandlerDeps, projectId: ProjectId, options: ExportOptions) {
  const session = deps.library.session(projectId);
  const state = session.state;
  const projectName = session.name;
  const plan = planExport({
    projectName,
    state,
    options,
    hasTimedLyrics: songTimelineOf(state).lyrics.length > 0,
  });
  if (deps.host === 'server' && options.output === 'folder') {
    throw new StudioError(
      'VALIDATION_FAILED',
      'In the browser an export downloads as one zip file: choose the zip output.',
      { reason: 'folderNeedsDesktop' },
    );
  }
  const jobId = deps.jobs.start({
    kind: 'export.start',
    label: `Export “${projectName}” for a DAW`,
    projectId,
    plan: EXPORT_PHASES,
    run: async (context): Promise<ExportResult> => {
      const outcome = await runExport(
        {
          exportsDir: deps.exportsDir,
          writer: deps.writer,
          audio: deps.audio,
          appVersion: deps.appVersion,
          now: () => deps.library.now(),
        },
        { projectId, projectName, state, options, plan },
        context,
      );
      const artifact = deps.artifacts.register(outcome.committed);
      return {
        artifact,
        output: options.output,
        files: outcome.files,
        skipped: plan.skipped,
        notes: outcome.notes,
      };
    },
  });
  return { jobId };
}

export function createExportHandlers(deps: ExportHandlerDeps): ExportHandlers {
  const drags = new DragOutService(deps);
  return {
    'export.start': ({ projectId, options }) => startExport(deps, projectId, options),
    'export.dragOut': ({ projectId, target, phase }, call) => {
      if (deps.host === 'server') {
        throw dragOutUnavailable(); // before rendering anything
      }
      return drags.dragOut(projectId, target, phase, call);
    },
  };
}
