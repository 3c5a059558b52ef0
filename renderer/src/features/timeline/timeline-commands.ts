/**
 * What each shortcut (and menu item) does on the timeline: split, delete, duplicate, select,
 * nudge, cursor moves and selection from the keyboard, zoom and the transport toggles.
 */
import {
  duplicateClips,
  moveClips,
  removeClips,
  splitClipsAt,
} from '../../../../app/model/clip-edits.ts';
import { CLIP_EDIT_LABELS } from '../../../../app/model/edit-labels.ts';
import type { EditOp } from '../../../../app/model/edits.ts';
import type { ClipId, TrackId } from '../../../../app/model/ids.ts';
import type { ProjectState } from '../../../../app/model/project.ts';
import type { ProjectView, TimeSelection } from '../../../../app/model/view.ts';
import { type Ticks, ticks } from '../../../../app/timeline/units.ts';
import { clampMove, selectedClips } from './clip-drag.ts';
import type { ShortcutId } from './shortcuts.ts';
import { gridStepFor } from './snapping.ts';
import type { Timeline } from './timeline-store.ts';
import type { ViewCommands } from './view-commands.ts';
import { ZOOM_STEP } from './viewport.ts';

/** The transport as commands see it; the Tone.js engine provides it once loaded. */
export interface TransportControls {
  playPause: () => void;
  stop: () => void;
  /** Where the playhead is now (the cursor when stopped). */
  position: () => Ticks;
  seek: (position: Ticks) => void;
}

export interface CommandDeps {
  state: () => ProjectState;
  view: () => ProjectView;
  timeline: Timeline;
  edit: (edits: EditOp[], label: string) => void;
  viewCommands: ViewCommands;
  transport: () => TransportControls;
}

const newClipId = () => crypto.randomUUID() as ClipId;

/** The clips an edit command acts on: the selection, else what is under the cursor. */
function clipsUnderCursor(deps: CommandDeps, at: Ticks): ClipId[] {
  const state = deps.state();
  const { selectedClipIds } = deps.timeline.state.get();
  if (selectedClipIds.length > 0) {
    return selectedClips(state, selectedClipIds).map((clip) => clip.id);
  }
  const tracks = deps.view().selection?.trackIds;
  return state.clips
    .filter((clip) => clip.start < at && clip.start + clip.length > at)
    .filter((clip) => tracks === undefined || tracks.length === 0 || tracks.includes(clip.trackId))
    .map((clip) => clip.id);
}

/** The tracks a keyboard selection covers: those of the selected clips, else all. */
function selectionTracks(deps: CommandDeps): TrackId[] {
  const state = deps.state();
  const existing = deps.view().selection?.trackIds;
  if (existing !== undefined && existing.length > 0) {
    return [...existing];
  }
  const clips = selectedClips(state, deps.timeline.state.get().selectedClipIds);
  const ids = clips.length > 0 ? new Set(clips.map((clip) => clip.trackId)) : null;
  return state.tracks.map((track) => track.id).filter((id) => ids === null || ids.has(id));
}

function stepTicks(deps: CommandDeps): number {
  const state = deps.state();
  const viewport = { pxPerSecond: deps.timeline.state.get().pxPerSecond, tempo: state.meta.tempo };
  return gridStepFor(viewport, state.meta.timeSignature).ticks;
}

function moveCursor(deps: CommandDeps, to: number): void {
  const position = ticks(Math.max(0, Math.round(to)));
  deps.transport().seek(position);
  deps.timeline.viewport()?.scrollToTicks(position, 'visible');
}

/** Shift+←/→: the range from where the keyboard selection started to the moved cursor. */
function extendSelection(deps: CommandDeps, direction: -1 | 1): void {
  const cursor = deps.transport().position();
  const current = deps.view().selection;
  let anchor: number = cursor;
  if (current !== null && current.end === cursor) {
    anchor = current.start;
  } else if (current !== null && current.start === cursor) {
    anchor = current.end;
  }
  const next = Math.max(0, cursor + direction * stepTicks(deps));
  const selection: TimeSelection | null =
    next === anchor
      ? null
      : {
          start: ticks(Math.min(anchor, next)),
          end: ticks(Math.max(anchor, next)),
          trackIds: selectionTracks(deps),
        };
  deps.viewCommands.setSelection(selection);
  moveCursor(deps, next);
}

function nudge(deps: CommandDeps, deltaTicks: number, trackDelta: number): void {
  const state = deps.state();
  const ids = deps.timeline.state.get().selectedClipIds;
  const move = clampMove(state, ids, deltaTicks, trackDelta);
  const order = state.tracks.map((track) => track.id);
  const edits = moveClips(
    state,
    selectedClips(state, ids).map((clip) => ({
      clipId: clip.id,
      start: ticks(clip.start + move.deltaTicks),
      trackId: order[order.indexOf(clip.trackId) + move.trackDelta] ?? clip.trackId,
    })),
  );
  deps.edit(edits, ids.length > 1 ? CLIP_EDIT_LABELS.moveMany : CLIP_EDIT_LABELS.move);
}

function toggle(deps: CommandDeps, key: 'snap' | 'loop' | 'metronome' | 'follow'): void {
  const state = deps.timeline.state;
  state.set({ [key]: !state.get()[key] });
}

function zoomBy(deps: CommandDeps, factor: number): void {
  deps.timeline.viewport()?.zoomTo(deps.timeline.state.get().pxPerSecond * factor);
}

function lastEnd(state: ProjectState): number {
  return Math.max(0, ...state.clips.map((clip) => clip.start + clip.length));
}

export function createTimelineCommands(deps: CommandDeps): Record<ShortcutId, () => void> {
  const { timeline } = deps;
  return {
    playPause: () => {
      deps.transport().playPause();
    },
    stop: () => {
      deps.transport().stop();
    },
    toStart: () => {
      moveCursor(deps, 0);
    },
    toEnd: () => {
      moveCursor(deps, lastEnd(deps.state()));
    },
    cursorLeft: () => {
      moveCursor(deps, deps.transport().position() - stepTicks(deps));
    },
    cursorRight: () => {
      moveCursor(deps, deps.transport().position() + stepTicks(deps));
    },
    extendLeft: () => {
      extendSelection(deps, -1);
    },
    extendRight: () => {
      extendSelection(deps, 1);
    },
    split: () => {
      const at = deps.transport().position();
      const edits = splitClipsAt(deps.state(), clipsUnderCursor(deps, at), at, newClipId);
      deps.edit(edits, CLIP_EDIT_LABELS.split);
    },
    delete: () => {
      const ids = timeline.state.get().selectedClipIds;
      deps.edit(removeClips(deps.state(), ids), CLIP_EDIT_LABELS.remove);
      timeline.state.set({ selectedClipIds: [], focusedClipId: null });
    },
    duplicate: () => {
      const ids = timeline.state.get().selectedClipIds;
      const { edits, newIds } = duplicateClips(deps.state(), ids, newClipId);
      if (edits.length > 0) {
        deps.edit(edits, CLIP_EDIT_LABELS.duplicate);
        timeline.state.set({ selectedClipIds: newIds });
      }
    },
    selectAll: () => {
      timeline.state.set({ selectedClipIds: deps.state().clips.map((clip) => clip.id) });
    },
    clearSelection: () => {
      timeline.state.set({ selectedClipIds: [] });
      deps.viewCommands.setSelection(null);
    },
    nudgeLeft: () => {
      nudge(deps, -stepTicks(deps), 0);
    },
    nudgeRight: () => {
      nudge(deps, stepTicks(deps), 0);
    },
    trackUp: () => {
      nudge(deps, 0, -1);
    },
    trackDown: () => {
      nudge(deps, 0, 1);
    },
    undo: () => undefined,
    redo: () => undefined,
    zoomIn: () => {
      zoomBy(deps, ZOOM_STEP);
    },
    zoomOut: () => {
      zoomBy(deps, 1 / ZOOM_STEP);
    },
    zoomFit: () => timeline.viewport()?.zoomToFit(),
    zoomSelection: () => {
      const selection = deps.view().selection;
      const clips = selectedClips(deps.state(), timeline.state.get().selectedClipIds);
      if (selection !== null) {
        timeline.viewport()?.zoomToRange(selection.start, selection.end);
      } else if (clips.length > 0) {
        const from = Math.min(...clips.map((clip) => clip.start));
        const to = Math.max(...clips.map((clip) => clip.start + clip.length));
        timeline.viewport()?.zoomToRange(ticks(from), ticks(to));
      }
    },
    loop: () => {
      toggle(deps, 'loop');
    },
    metronome: () => {
      toggle(deps, 'metronome');
    },
    snap: () => {
      toggle(deps, 'snap');
    },
    follow: () => {
      toggle(deps, 'follow');
    },
    listView: () => {
      timeline.state.set({ mode: timeline.state.get().mode === 'list' ? 'timeline' : 'list' });
    },
    shortcuts: () => {
      timeline.state.set({ shortcutsOpen: true });
    },
  };
}
