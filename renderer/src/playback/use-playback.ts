/**
 * Playback for the project screen: loads the Tone.js engine on the first play (a separate
 * chunk), keeps it in step with the model (mute, solo, gain and pan are heard at once), the
 * loop (the time selection), the metronome and follow-playhead, and offers the transport
 * controls and the clock the timeline draws its playhead from.
 */
import { useEffect, useMemo, useRef, useState } from 'react';

import { timelineSample } from '../../../app/audio/mix-laws.ts';
import type { ProjectState } from '../../../app/model/project.ts';
import type { ProjectView } from '../../../app/model/view.ts';
import { samplesToTicks } from '../../../app/timeline/tempo.ts';
import {
  sampleRate,
  samples,
  STUDIO_SAMPLE_RATE,
  type Ticks,
} from '../../../app/timeline/units.ts';
import { mediaUrls } from '../client/media-urls.ts';
import type { PlaybackClock } from '../features/timeline/playback-clock.ts';
import type { TransportControls } from '../features/timeline/timeline-commands.ts';
import type { Timeline } from '../features/timeline/timeline-store.ts';
import { tr } from '../i18n/active.ts';
import { useHost } from '../shell/host-context.ts';
import { useErrorToast } from '../ui/Toasts.tsx';
import { mediaChunks } from './media-chunks.ts';
import type { PlaybackEngine } from './playback-engine.ts';

const RATE = sampleRate(STUDIO_SAMPLE_RATE);

export interface Playback {
  transport: TransportControls;
  clock: PlaybackClock;
  /** True while the engine or the audio loads before the first sound. */
  loading: boolean;
  /** Master level per channel in dBFS; -Infinity before playback. */
  meter: () => [number, number];
}

export function usePlayback(state: ProjectState, view: ProjectView, timeline: Timeline): Playback {
  const { host } = useHost();
  const reportError = useErrorToast();
  const [loading, setLoading] = useState(false);
  const engineRef = useRef<PlaybackEngine | null>(null);
  const pending = useRef<Promise<PlaybackEngine> | null>(null);
  const listeners = useRef(new Set<() => void>());
  /** Where the last play started, in ticks: Stop returns there. */
  const startedAt = useRef<Ticks>(timeline.state.get().cursor);
  const latest = useRef({ state, view });
  useEffect(() => {
    latest.current = { state, view };
  });

  const engine = useMemo(() => {
    const notify = () => {
      for (const listener of [...listeners.current]) {
        listener();
      }
    };
    return () => {
      if (pending.current === null) {
        // The engine keeps the chunks it plays; the reader only smooths repeated asks.
        const chunks = mediaChunks(mediaUrls(host).audio, undefined, 8);
        pending.current = import('./live-engine.ts').then(async (module) => {
          const created = await module.createLiveEngine(chunks);
          created.setProject(latest.current.state);
          created.subscribe(notify);
          engineRef.current = created;
          return created;
        });
        pending.current.catch(() => {
          pending.current = null;
        });
      }
      return pending.current;
    };
  }, [host]);

  // The model, the loop and the metronome reach the engine as they change.
  useEffect(() => {
    engineRef.current?.setProject(state);
  }, [state]);
  useEffect(() => {
    let applied: { engine: PlaybackEngine; loop: string; metronome: boolean } | null = null;
    const apply = () => {
      const current = engineRef.current;
      if (current === null) {
        return;
      }
      const { loop: looping, metronome } = timeline.state.get();
      const selection = latest.current.view.selection;
      const tempo = latest.current.state.meta.tempo;
      const range =
        looping && selection !== null
          ? {
              start: timelineSample(selection.start, tempo),
              end: timelineSample(selection.end, tempo),
            }
          : null;
      const loopKey = range === null ? '' : `${range.start}:${range.end}`;
      if (applied?.engine !== current || applied.loop !== loopKey) {
        current.setLoop(range);
      }
      if (applied?.engine !== current || applied.metronome !== metronome) {
        current.setMetronome(metronome);
      }
      applied = { engine: current, loop: loopKey, metronome };
    };
    apply();
    const engineListeners = listeners.current;
    engineListeners.add(apply);
    const off = timeline.state.subscribe(apply);
    return () => {
      off();
      engineListeners.delete(apply);
    };
  }, [timeline, view.selection]);
  useEffect(
    () => () => {
      engineRef.current?.dispose();
    },
    [],
  );

  const transport = useMemo<TransportControls>(() => {
    const position = (): Ticks => {
      const current = engineRef.current;
      return current?.playing() === true
        ? samplesToTicks(
            samples(Math.round(current.positionSamples())),
            latest.current.state.meta.tempo,
            RATE,
          )
        : timeline.state.get().cursor;
    };
    const play = async () => {
      setLoading(true);
      try {
        const current = await engine();
        current.setProject(latest.current.state);
        const { cursor, loop: looping, countIn } = timeline.state.get();
        const selection = latest.current.view.selection;
        // Looping from outside the loop starts at its beginning.
        const from =
          looping && selection !== null && (cursor < selection.start || cursor >= selection.end)
            ? selection.start
            : cursor;
        startedAt.current = from;
        await current.play(timelineSample(from, latest.current.state.meta.tempo), { countIn });
      } catch (error) {
        reportError(error, tr('transport.failed'));
      } finally {
        setLoading(false);
      }
    };
    return {
      playPause: () => {
        const current = engineRef.current;
        if (current?.playing() === true) {
          const at = position();
          current.pause();
          timeline.state.set({ cursor: at });
        } else {
          void play();
        }
      },
      stop: () => {
        engineRef.current?.stop(timelineSample(startedAt.current, latest.current.state.meta.tempo));
        timeline.state.set({ cursor: startedAt.current });
      },
      position,
      seek: (to) => {
        timeline.state.set({ cursor: to });
        const current = engineRef.current;
        if (current?.playing() === true) {
          startedAt.current = to;
          current.seek(timelineSample(to, latest.current.state.meta.tempo));
        }
      },
    };
  }, [engine, timeline, reportError]);

  const clock = useMemo<PlaybackClock>(
    () => ({
      playing: () => engineRef.current?.playing() ?? false,
      positionSeconds: () => (engineRef.current?.positionSamples() ?? 0) / RATE,
      onFrame: (x) => {
        const { follow } = timeline.state.get();
        const { scrollLeft, lanesWidth } = timeline.scroll.get();
        if (follow && (x > scrollLeft + lanesWidth * 0.92 || x < scrollLeft)) {
          timeline.viewport()?.scrollToTicks(transport.position(), 'start');
        }
      },
      subscribe: (listener) => {
        listeners.current.add(listener);
        return () => {
          listeners.current.delete(listener);
        };
      },
    }),
    [timeline, transport],
  );

  return {
    transport,
    clock,
    loading,
    meter: () => engineRef.current?.meter() ?? [-Infinity, -Infinity],
  };
}
