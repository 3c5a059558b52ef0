/**
 * A clip gesture as edits: the same batch gives the live preview (applied to the snapshot's
 * state while the pointer moves) and the undo step on release.
 */
import {
  earliestStart,
  latestEnd,
  moveClips,
  setClipFade,
  setClipGain,
  trimClipEnd,
  trimClipStart,
} from '../../../../app/model/clip-edits.ts';
import { CLIP_EDIT_LABELS } from '../../../../app/model/edit-labels.ts';
import type { EditOp } from '../../../../app/model/edits.ts';
import type { ClipId, TrackId } from '../../../../app/model/ids.ts';
import type { Clip, ProjectState } from '../../../../app/model/project.ts';
import { db, type Samples, type Ticks, ticks } from '../../../../app/timeline/units.ts';
import type { ClipDrag } from './timeline-store.ts';

export interface DragContext {
  state: ProjectState;
  selected: readonly ClipId[];
  /** New ids for the copies of a copy-drag, one per selected clip, fixed when it starts. */
  copyIds?: readonly ClipId[];
  sourceLength?: (clip: Clip) => Samples | undefined;
}

/** The selected clips that exist, in model order. */
export function selectedClips(state: ProjectState, selected: readonly ClipId[]): Clip[] {
  const ids = new Set<string>(selected);
  return state.clips.filter((clip) => ids.has(clip.id));
}

/**
 * The move that keeps every selected clip inside the timeline and the track list: the
 * earliest clip stops at 0, the top and bottom tracks bound the track change.
 */
export function clampMove(
  state: ProjectState,
  selected: readonly ClipId[],
  deltaTicks: number,
  trackDelta: number,
): { deltaTicks: number; trackDelta: number } {
  const clips = selectedClips(state, selected);
  if (clips.length === 0) {
    return { deltaTicks: 0, trackDelta: 0 };
  }
  const earliest = Math.min(...clips.map((clip) => clip.start));
  const rows = clips.map((clip) => state.tracks.findIndex((track) => track.id === clip.trackId));
  const top = Math.min(...rows);
  const bottom = Math.max(...rows);
  return {
    deltaTicks: Math.max(-earliest, Math.round(deltaTicks)),
    trackDelta: Math.min(state.tracks.length - 1 - bottom, Math.max(0 - top, trackDelta)),
  };
}

function moveEdits(context: DragContext, drag: Extract<ClipDrag, { kind: 'move' }>): EditOp[] {
  const { state } = context;
  const order = state.tracks.map((track) => track.id);
  const { deltaTicks, trackDelta } = clampMove(
    state,
    context.selected,
    drag.deltaTicks,
    drag.trackDelta,
  );
  const target = (clip: Clip): TrackId =>
    order[order.indexOf(clip.trackId) + trackDelta] ?? clip.trackId;
  const clips = selectedClips(state, context.selected);
  if (drag.copy) {
    if (deltaTicks === 0 && trackDelta === 0) {
      return [];
    }
    return clips.map((clip, i) => ({
      op: 'clip.add',
      clip: {
        ...clip,
        id: context.copyIds?.[i] ?? clip.id,
        start: ticks(clip.start + deltaTicks),
        trackId: target(clip),
      },
    }));
  }
  return moveClips(
    state,
    clips.map((clip) => ({
      clipId: clip.id,
      start: ticks(clip.start + deltaTicks),
      trackId: target(clip),
    })),
  );
}

/** The edits a gesture makes; empty when it changes nothing. */
export function dragEdits(context: DragContext, drag: ClipDrag): EditOp[] {
  const { state } = context;
  switch (drag.kind) {
    case 'move':
      return moveEdits(context, drag);
    case 'trim-start':
      return trimClipStart(state, drag.clipId, drag.start);
    case 'trim-end': {
      const clip = state.clips.find((c) => c.id === drag.clipId);
      const sourceLength = clip === undefined ? undefined : context.sourceLength?.(clip);
      return trimClipEnd(state, drag.clipId, drag.end, { sourceLength });
    }
    case 'fade-in':
    case 'fade-out':
      return setClipFade(state, drag.clipId, drag.kind === 'fade-in' ? 'in' : 'out', drag.length);
    case 'gain': {
      const ids = context.selected.includes(drag.clipId) ? context.selected : [drag.clipId];
      return setClipGain(state, ids, db(Math.round(drag.gainDb * 10) / 10));
    }
  }
}

/** A trim that asks for more than the clip's audio holds: what "extend" would generate. */
export interface ExtendOverhang {
  clipId: ClipId;
  side: 'start' | 'end';
  /** How far the requested edge lies past the audio's first or last sample. */
  length: Ticks;
}

/**
 * How far a trim gesture reaches past the clip's source (the trim itself stops there); null
 * for other gestures, for trims inside the source, and before the timeline's start.
 */
export function extendOverhang(context: DragContext, drag: ClipDrag): ExtendOverhang | null {
  if (drag.kind !== 'trim-start' && drag.kind !== 'trim-end') {
    return null;
  }
  const clip = context.state.clips.find((c) => c.id === drag.clipId);
  if (clip === undefined) {
    return null;
  }
  let length: number;
  if (drag.kind === 'trim-start') {
    length = earliestStart(context.state, clip) - Math.max(0, Math.round(drag.start));
  } else {
    const sourceLength = context.sourceLength?.(clip);
    if (sourceLength === undefined) {
      return null;
    }
    length = Math.round(drag.end) - latestEnd(context.state, clip, sourceLength);
  }
  if (length <= 0) {
    return null;
  }
  return {
    clipId: clip.id,
    side: drag.kind === 'trim-start' ? 'start' : 'end',
    length: ticks(length),
  };
}

/** The undo label of a gesture. */
export function dragLabel(drag: ClipDrag, count: number): string {
  switch (drag.kind) {
    case 'move':
      return drag.copy
        ? CLIP_EDIT_LABELS.copy
        : count > 1
          ? CLIP_EDIT_LABELS.moveMany
          : CLIP_EDIT_LABELS.move;
    case 'trim-start':
    case 'trim-end':
      return CLIP_EDIT_LABELS.trim;
    case 'fade-in':
    case 'fade-out':
      return CLIP_EDIT_LABELS.fade;
    case 'gain':
      return CLIP_EDIT_LABELS.gain;
  }
}
