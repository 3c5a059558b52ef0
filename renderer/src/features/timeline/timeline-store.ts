/**
 * The timeline's window-local state: zoom, snapping, clip selection, the edit cursor,
 * transport toggles and in-progress drags. A small external store, so pointer handlers and the
 * playback engine can read and write it without re-rendering what does not change.
 * The time selection itself is project view state (app/model/view.ts); only its draft during
 * a drag lives here.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';

import type { ClipId, JobId, TrackId } from '../../../../app/model/ids.ts';
import type { TimeSelection } from '../../../../app/model/view.ts';
import type { Ticks } from '../../../../app/timeline/units.ts';
import { ticks } from '../../../../app/timeline/units.ts';
import { DEFAULT_PX_PER_SECOND } from './viewport.ts';

/** A clip gesture in progress, shown as a preview until the pointer is released. */
export type ClipDrag =
  | { kind: 'move'; deltaTicks: number; trackDelta: number; copy: boolean }
  | { kind: 'trim-start'; clipId: ClipId; start: Ticks }
  | { kind: 'trim-end'; clipId: ClipId; end: Ticks }
  | { kind: 'fade-in' | 'fade-out'; clipId: ClipId; length: number }
  | { kind: 'gain'; clipId: ClipId; gainDb: number };

/**
 * A trim released past the clip's audio: the offer to generate the missing part ("extend"),
 * shown where the pointer was let go until it is taken up or dismissed.
 */
export interface ExtendOffer {
  clipId: ClipId;
  side: 'start' | 'end';
  length: Ticks;
  /** The release point, in client pixels. */
  x: number;
  y: number;
}

/** An audio file on its way in: uploading, then the media.import job, then a clip. */
export interface PendingImport {
  id: string;
  name: string;
  /** The track row it goes to (-1: a new track below the others). */
  row: number;
  at: Ticks;
  jobId: JobId | null;
}

export interface TimelineState {
  /** Zoom: pixels per second of audio. */
  pxPerSecond: number;
  /** The zoom waveforms are drawn at; catches up with `pxPerSecond` when zooming pauses. */
  renderPxPerSecond: number;
  /** The visible lanes when waveforms were last drawn: tiles stay as they are while zooming. */
  renderScroll: { scrollLeft: number; lanesWidth: number };
  snap: boolean;
  follow: boolean;
  loop: boolean;
  metronome: boolean;
  countIn: boolean;
  selectedClipIds: readonly ClipId[];
  /** The clip keyboard focus is on (roving tabindex), if any. */
  focusedClipId: ClipId | null;
  /** Where playback starts and where split acts: the edit cursor. */
  cursor: Ticks;
  /** A time selection being dragged (undefined: show the stored one; null: cleared). */
  draftSelection: TimeSelection | null | undefined;
  draftHeights: Readonly<Record<TrackId, number>>;
  clipDrag: ClipDrag | null;
  extendOffer: ExtendOffer | null;
  mode: 'timeline' | 'list';
  shortcutsOpen: boolean;
  imports: readonly PendingImport[];
  /** Where a file being dragged over the window would land. */
  dropTarget: { row: number; at: Ticks } | null;
}

export interface ScrollState {
  scrollLeft: number;
  scrollTop: number;
  /** The lanes' visible width (the scroll area minus the track headers). */
  lanesWidth: number;
  height: number;
}

/** What the scroll container offers to commands that move the view (zoom, follow). */
export interface ViewportControl {
  zoomTo(pxPerSecond: number, anchorPx?: number): void;
  zoomToFit(): void;
  zoomToRange(from: Ticks, to: Ticks): void;
  scrollToTicks(position: Ticks, align: 'start' | 'center' | 'visible'): void;
}

type Listener = () => void;

export interface Store<T> {
  get: () => T;
  set: (patch: Partial<T> | ((state: T) => Partial<T>)) => void;
  subscribe: (listener: Listener) => () => void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<Listener>();
  return {
    get: () => state,
    set(patch) {
      const changes = typeof patch === 'function' ? patch(state) : patch;
      const keys = Object.keys(changes) as (keyof T)[];
      if (keys.every((key) => Object.is(state[key], changes[key]))) {
        return;
      }
      state = { ...state, ...changes };
      for (const listener of [...listeners]) {
        listener();
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export interface Timeline {
  state: Store<TimelineState>;
  scroll: Store<ScrollState>;
  /** Zoom and scroll commands of the mounted timeline view; null while none is mounted. */
  viewport: () => ViewportControl | null;
  /** The mounted view registers its control here; returns the function that unregisters it. */
  provideViewport: (control: ViewportControl) => () => void;
}

export function createTimeline(initial: Partial<TimelineState> = {}): Timeline {
  let control: ViewportControl | null = null;
  return {
    state: createStore<TimelineState>({
      pxPerSecond: DEFAULT_PX_PER_SECOND,
      renderPxPerSecond: DEFAULT_PX_PER_SECOND,
      renderScroll: { scrollLeft: 0, lanesWidth: 4000 },
      snap: true,
      follow: true,
      loop: false,
      metronome: false,
      countIn: false,
      selectedClipIds: [],
      focusedClipId: null,
      cursor: ticks(0),
      draftSelection: undefined,
      draftHeights: {},
      clipDrag: null,
      extendOffer: null,
      mode: 'timeline',
      shortcutsOpen: false,
      imports: [],
      dropTarget: null,
      ...initial,
    }),
    scroll: createStore<ScrollState>({ scrollLeft: 0, scrollTop: 0, lanesWidth: 0, height: 0 }),
    viewport: () => control,
    provideViewport: (next) => {
      control = next;
      return () => {
        if (control === next) {
          control = null;
        }
      };
    },
  };
}

export const TimelineContext = createContext<Timeline | null>(null);

export function useTimeline(): Timeline {
  const timeline = useContext(TimelineContext);
  if (timeline === null) {
    throw new Error('useTimeline needs a <TimelineContext> above it.');
  }
  return timeline;
}

/** Subscribes to one derived value; re-renders only when it changes (Object.is). */
export function useStoreValue<T extends object, V>(store: Store<T>, select: (state: T) => V): V {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}

export function useTimelineValue<V>(select: (state: TimelineState) => V): V {
  return useStoreValue(useTimeline().state, select);
}
