/** The contract handlers of the inference domain (generation.start, inference.status). */
import type { Handlers } from '../../../../app/contract/dispatch.ts';
import type { InferenceStatus } from '../../../../app/contract/inference-status.ts';
import { StudioError } from '../../../../app/errors.ts';
import type { ProjectLibrary } from '../../services/project-library.ts';
import type { InferenceClient } from '../process/inference-client.ts';
import type { GenerationService } from './generation-service.ts';

/** What `inference.status` says when the studio runs without an inference process. */
const NO_ENGINE: InferenceStatus = { available: false, inUse: null, sessions: [] };

export function generationHandlers(
  library: ProjectLibrary,
  generation: GenerationService | null,
  client: Pick<InferenceClient, 'providerStatus'> | null,
): Pick<Handlers, 'generation.start' | 'inference.status'> {
  return {
    'generation.start': (request) => {
      if (generation === null) {
        throw new StudioError('UNAVAILABLE', 'This studio runs without the inference engine.');
      }
      library.record(request.projectId);
      return { jobId: generation.start(request) };
    },
    'inference.status': () => client?.providerStatus() ?? NO_ENGINE,
  };
}
