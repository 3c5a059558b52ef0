/**
 * The playback clock as the timeline sees it: whether it runs and where it is. The Tone.js
 * engine provides it once loaded; until then (and in tests) the clock stands still.
 */
import { createContext, useContext } from 'react';

export interface PlaybackClock {
  playing(): boolean;
  /** Transport position in seconds from the start of the timeline. */
  positionSeconds(): number;
  /** Told the playhead's x every frame while playing (follow-playhead scrolling). */
  onFrame(x: number): void;
  /** Called when playback starts or stops. */
  subscribe(listener: () => void): () => void;
}

export const STOPPED_CLOCK: PlaybackClock = {
  playing: () => false,
  positionSeconds: () => 0,
  onFrame: () => undefined,
  subscribe: () => () => undefined,
};

export const PlaybackClockContext = createContext<PlaybackClock>(STOPPED_CLOCK);

export function usePlaybackClock(): PlaybackClock {
  return useContext(PlaybackClockContext);
}
