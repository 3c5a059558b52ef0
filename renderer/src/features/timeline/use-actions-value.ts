/** The TimelineActions a mounted timeline offers, reading the latest render's values. */
import { type RefObject, useLayoutEffect, useMemo, useRef } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import type { ProjectState } from '../../../../app/model/project.ts';
import type { TimeSignature } from '../../../../app/timeline/musical-time.ts';
import { samples, type Ticks } from '../../../../app/timeline/units.ts';
import type { TimelineActions } from './timeline-actions.ts';
import type { Viewport } from './viewport.ts';

export interface ActionInputs {
  state: ProjectState;
  viewport: Viewport;
  signature: TimeSignature;
  /** Row heights, top to bottom. */
  heights: readonly number[];
  /** Media lengths in frames by hash. */
  frames: ReadonlyMap<string, number>;
  onEdit: (edits: EditOp[], label?: string) => void;
  onSeek: (position: Ticks) => void;
}

export function useActionsValue(
  inputs: ActionInputs,
  refs: { scroller: RefObject<HTMLDivElement | null>; tracks: RefObject<HTMLOListElement | null> },
  headerWidth: number,
): TimelineActions {
  const latest = useRef(inputs);
  useLayoutEffect(() => {
    latest.current = inputs;
  });
  const { scroller, tracks } = refs;
  return useMemo<TimelineActions>(
    () => ({
      state: () => latest.current.state,
      viewport: () => latest.current.viewport,
      signature: () => latest.current.signature,
      rowAt: (clientY) => {
        const top = tracks.current?.getBoundingClientRect().top ?? 0;
        const rows = latest.current.heights;
        let y = clientY - top;
        for (let i = 0; i < rows.length; i += 1) {
          y -= rows[i] as number;
          if (y < 0) {
            return i;
          }
        }
        return rows.length - 1;
      },
      laneX: (clientX) => {
        const box = scroller.current?.getBoundingClientRect();
        return clientX - (box?.left ?? 0) - headerWidth + (scroller.current?.scrollLeft ?? 0);
      },
      edit: (edits, label) => {
        latest.current.onEdit(edits, label);
      },
      sourceLength: (clip) => {
        const length = latest.current.frames.get(clip.mediaHash);
        return length === undefined ? undefined : samples(length);
      },
      seek: (position) => {
        latest.current.onSeek(position);
      },
    }),
    [scroller, tracks, headerWidth],
  );
}
