/**
 * Clip editing gestures (move, trim, split, duplicate, delete, fades, gain) as edit batches
 * over the plain clip ops, so each gesture is one undo step and the same reducer serves main
 * and the renderer. Pure: ids for new clips come from the caller.
 */
import { clipSpan, timelineSample } from '../audio/mix-laws.ts';
import {
  type Bpm,
  type Db,
  PPQN,
  type SampleRate,
  type Samples,
  samples,
  type Ticks,
  ticks,
} from '../timeline/units.ts';
import type { EditOp } from './edits.ts';
import type { ClipId, TrackId } from './ids.ts';
import type { Clip, ProjectState } from './project.ts';

/** The shortest clip an edit leaves: a 64th note. */
export const MIN_CLIP_TICKS = PPQN / 16;

export interface ClipMove {
  clipId: ClipId;
  start: Ticks;
  trackId: TrackId;
}

export interface SourceLimits {
  /** The media's length in samples, when known: trims never reach past it. */
  sourceLength?: Samples | undefined;
}

function clipOf(state: ProjectState, clipId: ClipId): Clip | undefined {
  return state.clips.find((clip) => clip.id === clipId);
}

/** Fades that fit a clip of `length` samples; the fade-in keeps priority. */
export function fitFades(
  fadeIn: number,
  fadeOut: number,
  length: number,
): { fadeIn: Samples; fadeOut: Samples } {
  const inFit = Math.max(0, Math.min(Math.round(fadeIn), length));
  const outFit = Math.max(0, Math.min(Math.round(fadeOut), length - inFit));
  return { fadeIn: samples(inFit), fadeOut: samples(outFit) };
}

const rate = (state: ProjectState): SampleRate => state.meta.sampleRate as SampleRate;

/** A clip's length in samples, as the mix laws place it. */
function lengthInSamples(state: ProjectState, clip: Pick<Clip, 'start' | 'length'>): number {
  return clipSpan({ ...clip, sourceOffset: samples(0) }, state.meta.tempo).length;
}

const toSamples = (state: ProjectState, position: number): number =>
  timelineSample(ticks(position), state.meta.tempo);

/**
 * The source offset a clip needs when its left edge moves to `newStart` while its audio stays
 * where it is on the timeline (trimming the left edge, splitting).
 */
export function alignedSourceOffset(
  clip: Pick<Clip, 'start' | 'sourceOffset'>,
  newStart: Ticks,
  tempo: Bpm,
): Samples {
  return samples(
    clip.sourceOffset + timelineSample(newStart, tempo) - timelineSample(clip.start, tempo),
  );
}

/** The earliest start a clip's left edge can reach: where its source's first sample sits. */
export function earliestStart(state: ProjectState, clip: Clip): number {
  const target = toSamples(state, clip.start) - clip.sourceOffset;
  if (target <= 0) {
    return 0;
  }
  let start = Math.floor((target * PPQN * state.meta.tempo) / (60 * rate(state)));
  while (toSamples(state, start) < target) {
    start += 1;
  }
  while (start > 0 && toSamples(state, start - 1) >= target) {
    start -= 1;
  }
  return start;
}

/** The latest end a clip's right edge can reach without running past its source. */
export function latestEnd(state: ProjectState, clip: Clip, sourceLength: number): number {
  const limit = toSamples(state, clip.start) + sourceLength - clip.sourceOffset;
  let end = Math.ceil((limit * PPQN * state.meta.tempo) / (60 * rate(state)));
  while (end > clip.start && toSamples(state, end) > limit) {
    end -= 1;
  }
  return end;
}

/** Moves clips to new starts and tracks; unchanged clips give no op. Starts clamp at 0. */
export function moveClips(state: ProjectState, moves: readonly ClipMove[]): EditOp[] {
  const edits: EditOp[] = [];
  for (const move of moves) {
    const clip = clipOf(state, move.clipId);
    if (clip === undefined) {
      continue;
    }
    const start = ticks(Math.max(0, Math.round(move.start)));
    const patch: { start?: Ticks; trackId?: TrackId } = {};
    if (start !== clip.start) {
      patch.start = start;
    }
    if (move.trackId !== clip.trackId) {
      patch.trackId = move.trackId;
    }
    if (patch.start !== undefined || patch.trackId !== undefined) {
      edits.push({ op: 'clip.update', clipId: clip.id, patch });
    }
  }
  return edits;
}

/**
 * Moves the left edge to `newStart`, keeping the audio where it is. It stops where the source
 * begins and MIN_CLIP_TICKS before the right edge.
 */
export function trimClipStart(state: ProjectState, clipId: ClipId, newStart: Ticks): EditOp[] {
  const clip = clipOf(state, clipId);
  if (clip === undefined) {
    return [];
  }
  const end = clip.start + clip.length;
  const start = Math.max(
    earliestStart(state, clip),
    Math.min(Math.round(newStart), end - MIN_CLIP_TICKS),
  );
  if (start === clip.start || start >= end) {
    return [];
  }
  const length = ticks(end - start);
  const sourceOffset = alignedSourceOffset(clip, ticks(start), state.meta.tempo);
  const fades = fitFades(
    clip.fadeIn,
    clip.fadeOut,
    lengthInSamples(state, { start: ticks(start), length }),
  );
  return [
    { op: 'clip.update', clipId, patch: { start: ticks(start), length, sourceOffset, ...fades } },
  ];
}

/** Moves the right edge to `newEnd`; it stops MIN_CLIP_TICKS after the start and at the source's end. */
export function trimClipEnd(
  state: ProjectState,
  clipId: ClipId,
  newEnd: Ticks,
  limits: SourceLimits = {},
): EditOp[] {
  const clip = clipOf(state, clipId);
  if (clip === undefined) {
    return [];
  }
  let end = Math.max(clip.start + MIN_CLIP_TICKS, Math.round(newEnd));
  if (limits.sourceLength !== undefined) {
    end = Math.max(
      clip.start + MIN_CLIP_TICKS,
      Math.min(end, latestEnd(state, clip, limits.sourceLength)),
    );
  }
  const length = ticks(end - clip.start);
  if (length === clip.length) {
    return [];
  }
  const fades = fitFades(
    clip.fadeIn,
    clip.fadeOut,
    lengthInSamples(state, { start: clip.start, length }),
  );
  return [{ op: 'clip.update', clipId, patch: { length, ...fades } }];
}

/**
 * Splits a clip at `at` into two that play exactly what it played: the left keeps the id and
 * the fade-in, the right (id `newId`) gets the fade-out. Nothing when `at` is not inside.
 */
export function splitClip(state: ProjectState, clipId: ClipId, at: Ticks, newId: ClipId): EditOp[] {
  const clip = clipOf(state, clipId);
  if (clip === undefined) {
    return [];
  }
  const end = clip.start + clip.length;
  if (at - clip.start < MIN_CLIP_TICKS || end - at < MIN_CLIP_TICKS) {
    return [];
  }
  const leftLength = ticks(at - clip.start);
  const rightLength = ticks(end - at);
  const left = fitFades(
    clip.fadeIn,
    0,
    lengthInSamples(state, { start: clip.start, length: leftLength }),
  );
  const right = fitFades(
    0,
    clip.fadeOut,
    lengthInSamples(state, { start: at, length: rightLength }),
  );
  return [
    { op: 'clip.update', clipId, patch: { length: leftLength, ...left } },
    {
      op: 'clip.add',
      clip: {
        ...clip,
        id: newId,
        start: at,
        length: rightLength,
        sourceOffset: alignedSourceOffset(clip, at, state.meta.tempo),
        ...right,
      },
    },
  ];
}

/** Splits every given clip that `at` falls inside; one batch. */
export function splitClipsAt(
  state: ProjectState,
  clipIds: readonly ClipId[],
  at: Ticks,
  makeId: () => ClipId,
): EditOp[] {
  return clipIds.flatMap((clipId) => splitClip(state, clipId, at, makeId()));
}

/**
 * Copies of the clips placed right after them (the block keeps its shape, shifted by its own
 * length), on the same tracks. Returns the batch and the new ids in input order.
 */
export function duplicateClips(
  state: ProjectState,
  clipIds: readonly ClipId[],
  makeId: () => ClipId,
): { edits: EditOp[]; newIds: ClipId[] } {
  const clips = clipIds
    .map((id) => clipOf(state, id))
    .filter((clip): clip is Clip => clip !== undefined);
  if (clips.length === 0) {
    return { edits: [], newIds: [] };
  }
  const first = Math.min(...clips.map((clip) => clip.start));
  const last = Math.max(...clips.map((clip) => clip.start + clip.length));
  const shift = last - first;
  const newIds: ClipId[] = [];
  const edits: EditOp[] = clips.map((clip) => {
    const id = makeId();
    newIds.push(id);
    return { op: 'clip.add', clip: { ...clip, id, start: ticks(clip.start + shift) } };
  });
  return { edits, newIds };
}

export function removeClips(state: ProjectState, clipIds: readonly ClipId[]): EditOp[] {
  const present = new Set<string>(state.clips.map((clip) => clip.id));
  return [...new Set(clipIds)]
    .filter((id) => present.has(id))
    .map((clipId) => ({ op: 'clip.remove', clipId }));
}

/** Sets one fade; it never overlaps the other one or passes the clip's length. */
export function setClipFade(
  state: ProjectState,
  clipId: ClipId,
  which: 'in' | 'out',
  length: number,
): EditOp[] {
  const clip = clipOf(state, clipId);
  if (clip === undefined) {
    return [];
  }
  const total = lengthInSamples(state, clip);
  const fadeIn =
    which === 'in' ? Math.min(Math.max(0, Math.round(length)), total - clip.fadeOut) : clip.fadeIn;
  const fadeOut =
    which === 'out' ? Math.min(Math.max(0, Math.round(length)), total - clip.fadeIn) : clip.fadeOut;
  const fades = fitFades(fadeIn, fadeOut, total);
  if (fades.fadeIn === clip.fadeIn && fades.fadeOut === clip.fadeOut) {
    return [];
  }
  return [{ op: 'clip.update', clipId, patch: fades }];
}

/** Sets the gain of every given clip; clips already at `gainDb` give no op. */
export function setClipGain(state: ProjectState, clipIds: readonly ClipId[], gainDb: Db): EditOp[] {
  const wanted = new Set<string>(clipIds);
  return state.clips
    .filter((clip) => wanted.has(clip.id) && clip.gainDb !== gainDb)
    .map((clip) => ({ op: 'clip.update', clipId: clip.id, patch: { gainDb } }));
}
