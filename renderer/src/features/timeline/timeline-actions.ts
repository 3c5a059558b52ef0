/**
 * What the mounted timeline gives its clips and lanes: the current model, geometry lookups and
 * the edit sink. Read through refs, so handlers always see the latest snapshot.
 */
import { createContext, useContext } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import type { Clip, ProjectState } from '../../../../app/model/project.ts';
import type { TimeSignature } from '../../../../app/timeline/musical-time.ts';
import type { Samples, Ticks } from '../../../../app/timeline/units.ts';
import type { Viewport } from './viewport.ts';

export interface TimelineActions {
  state: () => ProjectState;
  viewport: () => Viewport;
  signature: () => TimeSignature;
  /** The track row under a client y coordinate, clamped to the rows (-1 with no tracks). */
  rowAt: (clientY: number) => number;
  /** Lane x (px from the timeline's start) under a client x coordinate. */
  laneX: (clientX: number) => number;
  edit: (edits: EditOp[], label?: string) => void;
  /** The media length of a clip's source, once known. */
  sourceLength: (clip: Clip) => Samples | undefined;
  seek: (position: Ticks) => void;
}

export const TimelineActionsContext = createContext<TimelineActions | null>(null);

export function useTimelineActions(): TimelineActions {
  const actions = useContext(TimelineActionsContext);
  if (actions === null) {
    throw new Error('useTimelineActions needs a mounted <TimelineView>.');
  }
  return actions;
}
