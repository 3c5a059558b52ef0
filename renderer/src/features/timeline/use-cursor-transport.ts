/**
 * The transport before (or without) the audio engine: the cursor is the playhead. The Tone.js
 * engine replaces it with one that plays.
 */
import { useMemo } from 'react';

import type { Ticks } from '../../../../app/timeline/units.ts';
import type { TransportControls } from './timeline-commands.ts';
import type { Timeline } from './timeline-store.ts';

export function useCursorTransport(timeline: Timeline): TransportControls {
  return useMemo(
    () => ({
      playPause: () => undefined,
      stop: () => undefined,
      position: () => timeline.state.get().cursor,
      seek: (position: Ticks) => {
        timeline.state.set({ cursor: position });
      },
    }),
    [timeline],
  );
}
