/**
 * Takes and versions of a clip. A generation with a batch of N gives N takes of one clip; a
 * repaint gives a new version of a clip (its earlier audio kept as the original). Both are
 * alternatives for the same place on the timeline, so they are one list per clip:
 *
 * - the clip plays one of them: the **active** take is the one whose media the clip refers to
 *   (derived, never stored twice, so it cannot disagree with the clip);
 * - choosing another is a plain `clip.update` of the clip's media (one undo step); the clip
 *   keeps its position, trims, fades and gain, because a clip's takes share one alignment;
 * - the list itself changes through the `clip.setTakes` edit op, which `invertEdit` undoes like
 *   any other (edits.ts). Removing a clip leaves its list alone, so undoing the removal gets
 *   both back.
 *
 * Each take keeps its integrated loudness (BS.1770, computed when it is stored), so takes can
 * be compared at matched loudness.
 */
import { z } from 'zod';

import type { EditOp } from './edits.ts';
import { type ClipId, MediaHash } from './ids.ts';
import type { ProjectState } from './project.ts';

export const MAX_TAKES = 64;

export const ClipTake = z.object({
  mediaHash: MediaHash,
  /** What the user sees, e.g. "Take 2 · seed 8" or "Repaint 0:12–0:18". */
  label: z.string().min(1).max(120),
  /** The generation seed; null for the original audio. */
  seed: z.number().int().min(0).nullable(),
  /** Integrated loudness in LUFS; null for silence (or when it was not measured). */
  loudnessLufs: z.number().min(-200).max(50).nullable(),
  /** original: what the clip had before a workflow; take: one of a batch; version: an edit. */
  kind: z.enum(['original', 'take', 'version']),
  /** Epoch milliseconds. */
  createdAt: z.number().int(),
});
export type ClipTake = z.infer<typeof ClipTake>;

export const ClipTakeList = z.array(ClipTake).min(1).max(MAX_TAKES);

/** The takes of every clip that has some, by clip id. */
export const ProjectTakes = z.record(z.string(), ClipTakeList);
export type ProjectTakes = z.infer<typeof ProjectTakes>;

/** The takes of a clip (empty when it has none). */
export function takesOf(state: Pick<ProjectState, 'takes'>, clipId: ClipId): readonly ClipTake[] {
  return state.takes?.[clipId] ?? [];
}

/** The index of the take the clip plays, or -1 (no takes, or its media is none of them). */
export function activeTakeIndex(state: ProjectState, clipId: ClipId): number {
  const clip = state.clips.find((candidate) => candidate.id === clipId);
  if (clip === undefined) {
    return -1;
  }
  return takesOf(state, clipId).findIndex((take) => take.mediaHash === clip.mediaHash);
}

/** Makes take `index` the clip's audio; no op when it already is or there is no such take. */
export function chooseTake(state: ProjectState, clipId: ClipId, index: number): EditOp[] {
  const take = takesOf(state, clipId)[index];
  const clip = state.clips.find((candidate) => candidate.id === clipId);
  if (take === undefined || clip === undefined || clip.mediaHash === take.mediaHash) {
    return [];
  }
  return [{ op: 'clip.update', clipId, patch: { mediaHash: take.mediaHash } }];
}

/** The state with one clip's list replaced (null removes it); no `takes` key when none is left. */
export function withTakes<S extends Pick<ProjectState, 'takes'>>(
  state: S,
  clipId: ClipId,
  list: readonly ClipTake[] | null,
): S {
  const takes: ProjectTakes = Object.fromEntries(
    Object.entries(state.takes ?? {}).filter(([id]) => id !== clipId),
  );
  if (list !== null) {
    takes[clipId] = [...list];
  }
  const next = { ...state };
  if (Object.keys(takes).length === 0) {
    delete next.takes;
  } else {
    next.takes = takes;
  }
  return next;
}

/**
 * The list after adding `added` to a clip: the clip's current audio first (as the original)
 * when it had no list yet, at most MAX_TAKES (the oldest non-active takes go first).
 */
export function appendTakes(
  state: ProjectState,
  clipId: ClipId,
  added: readonly ClipTake[],
  original: ClipTake | null,
): ClipTake[] {
  const current = takesOf(state, clipId);
  const base = current.length === 0 && original !== null ? [original] : [...current];
  const known = new Set(base.map((take) => take.mediaHash));
  const list = [...base, ...added.filter((take) => !known.has(take.mediaHash))];
  return list.slice(Math.max(0, list.length - MAX_TAKES));
}
