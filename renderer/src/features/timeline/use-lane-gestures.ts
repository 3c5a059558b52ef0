/**
 * Pointer gestures on empty lane space: a click moves the cursor (and the playhead) and clears
 * the selections; a drag selects a time range over the tracks it crosses.
 */
import type { PointerEvent } from 'react';

import type { TimeSelection } from '../../../../app/model/view.ts';
import { ticks } from '../../../../app/timeline/units.ts';
import { trackPointer } from './pointer-drag.ts';
import { bypassesSnap, snapPosition } from './snapping.ts';
import { useTimelineActions } from './timeline-actions.ts';
import { useTimeline } from './timeline-store.ts';
import { useViewCommands } from './view-commands.ts';
import { pxToTickPosition } from './viewport.ts';

export function useLaneGestures(): (event: PointerEvent<HTMLElement>) => void {
  const timeline = useTimeline();
  const actions = useTimelineActions();
  const view = useViewCommands();
  return (event) => {
    if (event.button !== 0 || event.target !== event.currentTarget) {
      return;
    }
    event.preventDefault();
    const context = () => ({
      viewport: actions.viewport(),
      signature: actions.signature(),
      snap: timeline.state.get().snap,
    });
    const at = (clientX: number, bypass: boolean) =>
      snapPosition(pxToTickPosition(actions.laneX(clientX), actions.viewport()), context(), bypass);
    const anchor = at(event.clientX, bypassesSnap(event));
    const anchorRow = actions.rowAt(event.clientY);
    const selectionTo = (move: globalThis.PointerEvent): TimeSelection | null => {
      const position = at(move.clientX, bypassesSnap(move));
      if (position === anchor) {
        return null;
      }
      const row = actions.rowAt(move.clientY);
      const tracks = actions.state().tracks;
      const [from, to] = row < anchorRow ? [row, anchorRow] : [anchorRow, row];
      return {
        start: ticks(Math.min(anchor, position)),
        end: ticks(Math.max(anchor, position)),
        trackIds: tracks.slice(Math.max(0, from), to + 1).map((track) => track.id),
      };
    };
    trackPointer(event, {
      move: (move) => {
        timeline.state.set({ draftSelection: selectionTo(move) });
      },
      end: (_up, dragged) => {
        const draft = timeline.state.get().draftSelection;
        timeline.state.set({ draftSelection: undefined });
        if (dragged) {
          view.setSelection(draft ?? null);
          return;
        }
        timeline.state.set({ selectedClipIds: [] });
        view.setSelection(null);
        actions.seek(anchor);
      },
      cancel: () => {
        timeline.state.set({ draftSelection: undefined });
      },
    });
  };
}
