/**
 * "Show what made this": a clip's media, the generation provenance stored with it (request,
 * resolved seeds and defaults, models with file hashes) and the workflow lineage (job, full
 * parameters, parent clip, context), then the same for the audio it was made from, back to an
 * import or a render. Stored records are validated on read; a record outside today's schema
 * shows as absent rather than failing the whole view.
 */
import { StudioError } from '../../../app/errors.ts';
import type { GenerationRequest } from '../../../app/generation/request.ts';
import { GenerationProvenance } from '../../../app/generation/result.ts';
import type { ClipId, MediaHash } from '../../../app/model/ids.ts';
import {
  ClipLineage,
  type ClipLineageView,
  type LineageStep,
} from '../../../app/workflows/workflow-result.ts';
import type { ProjectSession } from '../services/project-session.ts';

const MAX_STEPS = 16;

/** The stored records of one media item; null when the project has no such audio. */
export function lineageStep(session: ProjectSession, mediaHash: MediaHash): LineageStep | null {
  const listing = session.store.audio.get(mediaHash);
  if (listing === null) {
    return null;
  }
  const raw = (listing.provenance ?? {}) as Record<string, unknown>;
  const provenance = GenerationProvenance.safeParse(raw);
  const lineage = ClipLineage.safeParse(raw['lineage']);
  return {
    mediaHash,
    origin: listing.origin,
    name: listing.name,
    provenance: provenance.success ? provenance.data : null,
    lineage: lineage.success ? lineage.data : null,
  };
}

/** Where a step's audio came from: its workflow parent, else its request's source. */
function parentOf(step: LineageStep): MediaHash | null {
  return step.lineage?.parent?.mediaHash ?? step.provenance?.request.source?.mediaHash ?? null;
}

export function clipLineage(session: ProjectSession, clipId: ClipId): ClipLineageView {
  const clip = session.state.clips.find((candidate) => candidate.id === clipId);
  if (clip === undefined) {
    throw new StudioError('NOT_FOUND', 'That clip is not in the project.', { clipId });
  }
  const steps: LineageStep[] = [];
  const seen = new Set<string>();
  let next: MediaHash | null = clip.mediaHash;
  while (next !== null && !seen.has(next) && steps.length < MAX_STEPS) {
    seen.add(next);
    const step = lineageStep(session, next);
    if (step === null) {
      break;
    }
    steps.push(step);
    next = parentOf(step);
  }
  return { clipId, steps };
}

/** The generation request that made a media item, if a generation did. */
export function requestOf(session: ProjectSession, mediaHash: MediaHash): GenerationRequest | null {
  return lineageStep(session, mediaHash)?.provenance?.request ?? null;
}
