/**
 * The offline mix of an open project: what add-layer and vocal-to-BGM send to the model as
 * context and what export writes. Thin glue between ProjectSession and audio/mix.
 *
 *   const [left, right] = await renderProjectMix(library.session(projectId), {
 *     trackIds: 'all', range: { start: 0, end: 48_000 * 30 },
 *   });
 */
import { type MixRequest, renderMix, renderMixBlocks } from '../audio/mix/mix-renderer.ts';
import type { StereoBlock } from '../audio/studio-file.ts';
import type { ProjectSession } from '../services/project-session.ts';

export type ProjectMixRequest = Omit<MixRequest, 'state'>;

/** The mix of the project's current state, in memory. */
export function renderProjectMix(
  session: ProjectSession,
  request: ProjectMixRequest,
  options: { signal?: AbortSignal } = {},
): Promise<StereoBlock> {
  return renderMix(
    (hash) => session.audio.openReader(hash),
    { ...request, state: session.state },
    options,
  );
}

/** The same, streamed block by block (for export of any length). */
export function streamProjectMix(
  session: ProjectSession,
  request: ProjectMixRequest,
  options: { signal?: AbortSignal; onFrames?: (frames: number) => void } = {},
): AsyncGenerator<StereoBlock> {
  return renderMixBlocks(
    (hash) => session.audio.openReader(hash),
    { ...request, state: session.state },
    options,
  );
}
