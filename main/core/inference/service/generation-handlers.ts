/** The contract handlers of the inference domain (generation.start). */
import type { Handlers } from '../../../../app/contract/dispatch.ts';
import { StudioError } from '../../../../app/errors.ts';
import type { ProjectLibrary } from '../../services/project-library.ts';
import type { GenerationService } from './generation-service.ts';

export function generationHandlers(
  library: ProjectLibrary,
  generation: GenerationService | null,
): Pick<Handlers, 'generation.start'> {
  return {
    'generation.start': (request) => {
      if (generation === null) {
        throw new StudioError('UNAVAILABLE', 'This studio runs without the inference engine.');
      }
      library.record(request.projectId);
      return { jobId: generation.start(request) };
    },
  };
}
