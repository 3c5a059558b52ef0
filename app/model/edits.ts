/**
 * Edit operations: every change to a project is one of these. `applyEdit` and `invertEdit`
 * are pure; main applies them authoritatively and the renderer optimistically.
 */
import { z } from 'zod';

import { StudioError } from '../errors.ts';
import type { ClipId, TrackId } from './ids.ts';
import { ClipId as ClipIdSchema, TrackId as TrackIdSchema } from './ids.ts';
import { Clip, ClipFields, ProjectMeta, type ProjectState, Track, TrackFields } from './project.ts';
import { ClipTakeList, takesOf, withTakes } from './takes.ts';

const MAX_ITEMS = 10_000;

export const MetaPatch = ProjectMeta.omit({ sampleRate: true }).partial();
export const TrackPatch = TrackFields.partial();
export const ClipPatch = ClipFields.partial();

export const EditOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('project.setMeta'), patch: MetaPatch }),
  z.object({
    op: z.literal('track.add'),
    track: Track,
    /** Position in the track list; clamped to the list. */
    index: z.number().int().min(0).max(MAX_ITEMS),
    /** Clips to restore with the track (used by the inverse of track.remove). */
    clips: z.array(Clip).max(MAX_ITEMS).optional(),
  }),
  z.object({ op: z.literal('track.remove'), trackId: TrackIdSchema }),
  z.object({ op: z.literal('track.update'), trackId: TrackIdSchema, patch: TrackPatch }),
  z.object({
    op: z.literal('track.move'),
    trackId: TrackIdSchema,
    toIndex: z.number().int().min(0).max(MAX_ITEMS),
  }),
  z.object({ op: z.literal('clip.add'), clip: Clip }),
  z.object({ op: z.literal('clip.remove'), clipId: ClipIdSchema }),
  z.object({ op: z.literal('clip.update'), clipId: ClipIdSchema, patch: ClipPatch }),
  // generation workflows: a clip's takes and versions (takes.ts); null removes the list
  z.object({
    op: z.literal('clip.setTakes'),
    clipId: ClipIdSchema,
    takes: ClipTakeList.nullable(),
  }),
]);
export type EditOp = z.infer<typeof EditOp>;

export const EditBatch = z.array(EditOp).min(1).max(500);

function notFound(kind: 'track' | 'clip', id: string): StudioError {
  return new StudioError('NOT_FOUND', `No ${kind} with id ${id} in this project.`, { kind, id });
}

function trackIndex(state: ProjectState, trackId: TrackId): number {
  const index = state.tracks.findIndex((track) => track.id === trackId);
  if (index < 0) {
    throw notFound('track', trackId);
  }
  return index;
}

function findClip(state: ProjectState, clipId: ClipId): Clip {
  const clip = state.clips.find((candidate) => candidate.id === clipId);
  if (clip === undefined) {
    throw notFound('clip', clipId);
  }
  return clip;
}

/** A partial update: absent and undefined keys leave the value as it is. */
type Patch<T> = { [K in keyof T]?: T[K] | undefined };

/** `base` with every key of `patch` whose value is not undefined. */
function merge<T extends object>(base: T, patch: Patch<T>): T {
  const result = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) {
      (result as Record<string, unknown>)[key] = value;
    }
  }
  return result;
}

/** The values `base` has now for the keys that `patch` sets. */
function previous<T extends object>(base: T, patch: Patch<T>): Patch<T> {
  const result: Patch<T> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) {
      (result as Record<string, unknown>)[key] = (base as Record<string, unknown>)[key];
    }
  }
  return result;
}

function clampIndex(index: number, length: number): number {
  return Math.max(0, Math.min(index, length));
}

function addClips(state: ProjectState, clips: readonly Clip[]): Clip[] {
  const ids = new Set(state.clips.map((clip) => clip.id));
  const tracks = new Set(state.tracks.map((track) => track.id));
  for (const clip of clips) {
    if (ids.has(clip.id)) {
      throw new StudioError('CONFLICT', `A clip with id ${clip.id} already exists.`, {
        id: clip.id,
      });
    }
    if (!tracks.has(clip.trackId)) {
      throw notFound('track', clip.trackId);
    }
    ids.add(clip.id);
  }
  return [...state.clips, ...clips].sort(byId);
}

/** Clips have no meaningful order; keeping them sorted by id makes states comparable. */
const byId = (a: Clip, b: Clip): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The state after `op`. Throws NOT_FOUND or CONFLICT when `op` does not fit `state`. */
export function applyEdit(state: ProjectState, op: EditOp): ProjectState {
  switch (op.op) {
    case 'project.setMeta':
      return { ...state, meta: merge(state.meta, op.patch) };
    case 'track.add': {
      if (state.tracks.some((track) => track.id === op.track.id)) {
        throw new StudioError('CONFLICT', `A track with id ${op.track.id} already exists.`, {
          id: op.track.id,
        });
      }
      const tracks = [...state.tracks];
      tracks.splice(clampIndex(op.index, tracks.length), 0, op.track);
      const withTrack = { ...state, tracks };
      const clips = op.clips ?? [];
      const stray = clips.find((clip) => clip.trackId !== op.track.id);
      if (stray !== undefined) {
        throw new StudioError('VALIDATION_FAILED', 'Clips added with a track must belong to it.', {
          clipId: stray.id,
        });
      }
      return { ...withTrack, clips: addClips(withTrack, clips) };
    }
    case 'track.remove': {
      trackIndex(state, op.trackId);
      return {
        ...state,
        tracks: state.tracks.filter((track) => track.id !== op.trackId),
        clips: state.clips.filter((clip) => clip.trackId !== op.trackId),
      };
    }
    case 'track.update': {
      const index = trackIndex(state, op.trackId);
      return {
        ...state,
        tracks: state.tracks.map((track, i) => (i === index ? merge(track, op.patch) : track)),
      };
    }
    case 'track.move': {
      const from = trackIndex(state, op.trackId);
      const tracks = [...state.tracks];
      const [moved] = tracks.splice(from, 1);
      tracks.splice(clampIndex(op.toIndex, tracks.length), 0, moved as Track);
      return { ...state, tracks };
    }
    case 'clip.add':
      return { ...state, clips: addClips(state, [op.clip]) };
    case 'clip.remove':
      findClip(state, op.clipId);
      return { ...state, clips: state.clips.filter((clip) => clip.id !== op.clipId) };
    case 'clip.update': {
      findClip(state, op.clipId);
      if (op.patch.trackId !== undefined) {
        trackIndex(state, op.patch.trackId);
      }
      return {
        ...state,
        clips: state.clips.map((clip) => (clip.id === op.clipId ? merge(clip, op.patch) : clip)),
      };
    }
    case 'clip.setTakes':
      findClip(state, op.clipId);
      return withTakes(state, op.clipId, op.takes);
  }
}

/** The op that undoes `op` when applied to `applyEdit(state, op)`. */
export function invertEdit(state: ProjectState, op: EditOp): EditOp {
  switch (op.op) {
    case 'project.setMeta':
      return { op: 'project.setMeta', patch: previous(state.meta, op.patch) };
    case 'track.add':
      return { op: 'track.remove', trackId: op.track.id };
    case 'track.remove': {
      const index = trackIndex(state, op.trackId);
      return {
        op: 'track.add',
        track: state.tracks[index] as Track,
        index,
        clips: state.clips.filter((clip) => clip.trackId === op.trackId),
      };
    }
    case 'track.update': {
      const track = state.tracks[trackIndex(state, op.trackId)] as Track;
      return { op: 'track.update', trackId: op.trackId, patch: previous(track, op.patch) };
    }
    case 'track.move':
      return { op: 'track.move', trackId: op.trackId, toIndex: trackIndex(state, op.trackId) };
    case 'clip.add':
      return { op: 'clip.remove', clipId: op.clip.id };
    case 'clip.remove':
      return { op: 'clip.add', clip: findClip(state, op.clipId) };
    case 'clip.update':
      return {
        op: 'clip.update',
        clipId: op.clipId,
        patch: previous(findClip(state, op.clipId), op.patch),
      };
    case 'clip.setTakes': {
      const current = takesOf(state, op.clipId);
      return {
        op: 'clip.setTakes',
        clipId: op.clipId,
        takes: current.length === 0 ? null : [...current],
      };
    }
  }
}

/** Applies a batch in order; returns the new state and the batch that undoes it. */
export function applyEdits(
  state: ProjectState,
  ops: readonly EditOp[],
): { state: ProjectState; inverse: EditOp[] } {
  let current = state;
  const inverse: EditOp[] = [];
  for (const op of ops) {
    inverse.push(invertEdit(current, op));
    current = applyEdit(current, op);
  }
  return { state: current, inverse: inverse.reverse() };
}
