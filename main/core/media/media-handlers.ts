/** The contract's media.* handlers (the audio engine's domain). */
import type { Handlers } from '../../../app/contract/dispatch.ts';
import type { FileTokenRegistry } from '../services/file-tokens.ts';
import type { JobRegistry } from '../services/job-registry.ts';
import type { ProjectLibrary } from '../services/project-library.ts';
import { IMPORT_PLAN, importAudioFile } from './import-audio.ts';

export function mediaHandlers(deps: {
  library: ProjectLibrary;
  jobs: JobRegistry;
  files: FileTokenRegistry;
}): Pick<Handlers, 'media.import' | 'media.list'> {
  const { library, jobs, files } = deps;
  return {
    'media.import': ({ projectId, file }) => {
      const session = library.session(projectId);
      const chosen = files.resolve(file);
      const jobId = jobs.start({
        kind: 'media.import',
        label: `Import “${chosen.name}”`,
        projectId,
        plan: IMPORT_PLAN,
        run: (context) => importAudioFile(session.audio, chosen, context),
      });
      return { jobId };
    },
    'media.list': ({ projectId }) => library.session(projectId).audio.list(),
  };
}
