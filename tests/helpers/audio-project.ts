/** A project in real test services, with helpers to run an import the way the job does. */
import { readdir } from 'node:fs/promises';

import type { JobPhase } from '../../app/jobs/progress.ts';
import { noopLogger } from '../../app/log.ts';
import type { ProjectId } from '../../app/model/ids.ts';
import type { AudioImportResult } from '../../app/model/media.ts';
import { importAudioFile } from '../../main/core/media/import-audio.ts';
import type { ProjectSession } from '../../main/core/services/project-session.ts';
import { startTestServices, type TestServices } from './services.ts';

export interface AudioProject {
  env: TestServices;
  projectId: ProjectId;
  session(): ProjectSession;
  /** Imports a file as the media.import job would; `onProgress` may abort. */
  importFile(
    path: string,
    options?: {
      name?: string;
      signal?: AbortSignal;
      onProgress?: (phase: JobPhase, fraction: number) => void;
    },
  ): Promise<AudioImportResult>;
  /** Names in the project's media folder (temps included). */
  mediaFiles(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export async function startAudioProject(): Promise<AudioProject> {
  const env = await startTestServices();
  const { projectId } = await env.services.library.create({ name: 'Audio' });
  const session = () => env.services.library.session(projectId);
  return {
    env,
    projectId,
    session,
    importFile: (path, options = {}) =>
      importAudioFile(
        session().audio,
        { path, name: options.name ?? path.split('/').pop() ?? 'file' },
        {
          signal: options.signal ?? new AbortController().signal,
          log: noopLogger,
          progress: (phase, fraction) => options.onProgress?.(phase, fraction),
        },
      ),
    mediaFiles: async () => {
      try {
        return (await readdir(session().media.folder)).sort();
      } catch {
        return [];
      }
    },
    cleanup: () => env.cleanup(),
  };
}
