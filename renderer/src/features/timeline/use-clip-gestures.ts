/**
 * Pointer gestures on clips: click to select (Shift adds, Ctrl/⌘ toggles), drag to move the
 * selection within and across tracks (Ctrl/⌘-drag copies), drag the edges to trim, the top
 * corners to fade and the gain handle to change clip gain. Snaps to the grid unless Alt is
 * held. Each gesture is one edit batch on release; Escape cancels it. A trim released past the
 * clip's audio offers to extend it; a clip dropped on a clip drop target goes there instead.
 */
import type { PointerEvent } from 'react';

import type { ClipId } from '../../../../app/model/ids.ts';
import type { Clip } from '../../../../app/model/project.ts';
import { secondsToSamples, ticksToSeconds } from '../../../../app/timeline/tempo.ts';
import { type SampleRate, seconds } from '../../../../app/timeline/units.ts';
import { dragEdits, dragLabel, extendOverhang } from './clip-drag.ts';
import { createClipDropTracker } from './clip-drop.ts';
import { trackPointer } from './pointer-drag.ts';
import { bypassesSnap, snapPosition } from './snapping.ts';
import { type TimelineActions, useTimelineActions } from './timeline-actions.ts';
import { type ClipDrag, type Timeline, useTimeline } from './timeline-store.ts';
import { pxToTickPosition } from './viewport.ts';

export type ClipPart = 'body' | 'trim-start' | 'trim-end' | 'fade-in' | 'fade-out' | 'gain';

const GAIN_DB_PER_PX = 0.25;
/** A trim must reach this far past the audio before it offers to extend the clip. */
const MIN_EXTEND_SECONDS = 0.5;
const newClipId = () => crypto.randomUUID() as ClipId;

function selectOnPress(timeline: Timeline, clip: Clip, event: PointerEvent): readonly ClipId[] {
  const { selectedClipIds } = timeline.state.get();
  const selected = selectedClipIds.includes(clip.id);
  let next = selectedClipIds;
  if (event.shiftKey) {
    next = selected ? selectedClipIds : [...selectedClipIds, clip.id];
  } else if (!selected && !(event.ctrlKey || event.metaKey)) {
    next = [clip.id];
  }
  timeline.state.set({ selectedClipIds: next, focusedClipId: clip.id });
  return next;
}

/** What a pointer at `move` asks of the gesture that started on `part` at `from`. */
function gestureAt(
  actions: TimelineActions,
  timeline: Timeline,
  start: { clip: Clip; part: ClipPart; x: number; y: number; copy: boolean },
  move: PointerEvent | globalThis.PointerEvent,
): ClipDrag {
  const { clip, part } = start;
  const viewport = actions.viewport();
  const context = {
    viewport,
    signature: actions.signature(),
    snap: timeline.state.get().snap,
  };
  const dxTicks = pxToTickPosition(move.clientX - start.x, viewport);
  const bypass = bypassesSnap(move);
  const rate = actions.state().meta.sampleRate as SampleRate;
  const dxSamples = secondsToSamples(
    seconds((move.clientX - start.x) / viewport.pxPerSecond),
    rate,
  );
  switch (part) {
    case 'body': {
      const startAt = snapPosition(clip.start + dxTicks, context, bypass);
      const trackDelta = actions.rowAt(move.clientY) - actions.rowAt(start.y);
      return { kind: 'move', deltaTicks: startAt - clip.start, trackDelta, copy: start.copy };
    }
    case 'trim-start':
      return {
        kind: 'trim-start',
        clipId: clip.id,
        start: snapPosition(clip.start + dxTicks, context, bypass),
      };
    case 'trim-end':
      return {
        kind: 'trim-end',
        clipId: clip.id,
        end: snapPosition(clip.start + clip.length + dxTicks, context, bypass),
      };
    case 'fade-in':
      return { kind: 'fade-in', clipId: clip.id, length: clip.fadeIn + dxSamples };
    case 'fade-out':
      return { kind: 'fade-out', clipId: clip.id, length: clip.fadeOut - dxSamples };
    case 'gain': {
      const perPx = move.shiftKey ? GAIN_DB_PER_PX / 5 : GAIN_DB_PER_PX;
      const gainDb = Math.min(12, Math.max(-60, clip.gainDb - (move.clientY - start.y) * perPx));
      return { kind: 'gain', clipId: clip.id, gainDb };
    }
  }
}

export function useClipGestures(): (
  event: PointerEvent<HTMLElement>,
  clip: Clip,
  part: ClipPart,
) => void {
  const timeline = useTimeline();
  const actions = useTimelineActions();
  return (event, clip, part) => {
    if (event.button !== 0) {
      return;
    }
    event.stopPropagation();
    // No text selection or native drag while dragging clips; focus moves to the clip instead.
    event.preventDefault();
    const focusTarget = event.currentTarget.closest<HTMLElement>('[role="option"]');
    focusTarget?.focus({ preventScroll: true });
    timeline.state.set({ extendOffer: null });
    const copy = part === 'body' && (event.ctrlKey || event.metaKey);
    const wasSelected = timeline.state.get().selectedClipIds.includes(clip.id);
    let selected = part === 'body' ? selectOnPress(timeline, clip, event) : [clip.id];
    if (copy && !selected.includes(clip.id)) {
      selected = [...selected, clip.id];
    }
    const copyIds = copy ? selected.map(() => newClipId()) : undefined;
    const start = { clip, part, x: event.clientX, y: event.clientY, copy };
    const context = () => ({
      state: actions.state(),
      selected,
      ...(copyIds === undefined ? {} : { copyIds }),
      sourceLength: actions.sourceLength,
    });
    // A clip's body can also be dropped outside the lanes, on a clip drop target.
    const dropTargets = part === 'body' ? createClipDropTracker(clip) : null;
    trackPointer(event, {
      move: (move) => {
        const overTarget = dropTargets?.hover(move.clientX, move.clientY) ?? false;
        timeline.state.set({
          clipDrag: overTarget ? null : gestureAt(actions, timeline, start, move),
        });
      },
      end: (up, dragged) => {
        const drag = timeline.state.get().clipDrag;
        timeline.state.set({ clipDrag: null });
        if (dragged && dropTargets?.drop() === true) {
          return;
        }
        if (dragged && drag !== null) {
          const edits = dragEdits(context(), drag);
          if (edits.length > 0) {
            actions.edit(edits, dragLabel(drag, selected.length));
          }
          if (copyIds !== undefined && edits.length > 0) {
            timeline.state.set({ selectedClipIds: copyIds });
          }
          const overhang = extendOverhang(context(), drag);
          const tempo = actions.state().meta.tempo;
          if (overhang !== null && ticksToSeconds(overhang.length, tempo) >= MIN_EXTEND_SECONDS) {
            timeline.state.set({ extendOffer: { ...overhang, x: up.clientX, y: up.clientY } });
          }
          return;
        }
        if (part !== 'body' || up.shiftKey) {
          return;
        }
        if (up.ctrlKey || up.metaKey) {
          const { selectedClipIds } = timeline.state.get();
          timeline.state.set({
            selectedClipIds: wasSelected
              ? selectedClipIds.filter((id) => id !== clip.id)
              : [...selectedClipIds.filter((id) => id !== clip.id), clip.id],
          });
        } else {
          timeline.state.set({ selectedClipIds: [clip.id] });
        }
      },
      cancel: () => {
        dropTargets?.leave();
        timeline.state.set({ clipDrag: null });
      },
    });
  };
}
