/**
 * The transport: play/pause, stop, the position (bars and beats, and clock time), loop the
 * selection, metronome with count-in, follow-playhead, and the master level meter. The
 * position and the meter are written every frame while playing, without re-rendering.
 */
import { type ReactNode, useEffect, useReducer, useRef } from 'react';

import { formatBarsBeats, type TimeSignature } from '../../../../app/timeline/musical-time.ts';
import { ticksToSeconds } from '../../../../app/timeline/tempo.ts';
import type { Bpm } from '../../../../app/timeline/units.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import type { Playback } from '../../playback/use-playback.ts';
import { IconLoop, IconMetronome, IconPause, IconPlay, IconStop } from '../../ui/icons.tsx';
import { formatClock } from './ruler-marks.ts';
import { type TimelineState, useTimeline, useTimelineValue } from './timeline-store.ts';

const METER_FLOOR_DB = -60;

function Toggle(props: {
  field: 'loop' | 'metronome' | 'countIn' | 'follow';
  label: MessageKey;
  hint: MessageKey;
  icon?: ReactNode;
}) {
  const t = useT();
  const timeline = useTimeline();
  const on = useTimelineValue((s: TimelineState) => s[props.field]);
  return (
    <button
      type="button"
      className="toggle-button transport-toggle"
      aria-pressed={on}
      title={t(props.hint)}
      onClick={() => {
        timeline.state.set({ [props.field]: !on });
      }}
    >
      {props.icon}
      {t(props.label)}
    </button>
  );
}

export function TransportBar(props: { playback: Playback; tempo: Bpm; signature: TimeSignature }) {
  const t = useT();
  const timeline = useTimeline();
  const { playback } = props;
  const bars = useRef<HTMLSpanElement>(null);
  const clock = useRef<HTMLSpanElement>(null);
  const left = useRef<HTMLSpanElement>(null);
  const right = useRef<HTMLSpanElement>(null);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const playing = useClockPlaying(playback);

  useEffect(() => {
    let frame = 0;
    const level = (db: number) =>
      `${Math.max(0, Math.min(1, (db - METER_FLOOR_DB) / -METER_FLOOR_DB)) * 100}%`;
    const paint = () => {
      frame = 0;
      const { tempo, signature } = latest.current;
      const position = playback.transport.position();
      if (bars.current !== null && clock.current !== null) {
        bars.current.textContent = formatBarsBeats(position, signature);
        clock.current.textContent = formatClock(ticksToSeconds(position, tempo), 3);
      }
      const [l, r] = playback.meter();
      left.current?.style.setProperty('--level', level(l));
      right.current?.style.setProperty('--level', level(r));
      if (playback.clock.playing()) {
        frame = requestAnimationFrame(paint);
      }
    };
    const request = () => {
      if (frame === 0) {
        frame = requestAnimationFrame(paint);
      }
    };
    request();
    const offState = timeline.state.subscribe(request);
    const offClock = playback.clock.subscribe(request);
    return () => {
      offState();
      offClock();
      cancelAnimationFrame(frame);
    };
  }, [timeline, playback]);

  return (
    <div className="transport" role="toolbar" aria-label={t('transport.label')}>
      <button
        type="button"
        className="button button-primary transport-play"
        aria-label={playing ? t('transport.pause') : t('transport.play')}
        title={`${playing ? t('transport.pause') : t('transport.play')} (Space)`}
        aria-busy={playback.loading}
        onClick={playback.transport.playPause}
      >
        {playing ? <IconPause /> : <IconPlay />}
      </button>
      <button
        type="button"
        className="button transport-stop"
        aria-label={t('transport.stop')}
        title={`${t('transport.stop')} (Enter)`}
        onClick={playback.transport.stop}
      >
        <IconStop />
      </button>
      <output
        className="transport-position"
        aria-label={t('transport.position')}
        data-testid="transport-position"
      >
        <span ref={bars} className="transport-bars" data-testid="transport-bars">
          1.1
        </span>
        <span ref={clock} className="transport-clock" data-testid="transport-clock">
          0:00.000
        </span>
      </output>
      {playback.loading ? (
        <span className="transport-status" role="status">
          {t('transport.loading')}
        </span>
      ) : null}
      <Toggle field="loop" label="transport.loop" hint="transport.loopHint" icon={<IconLoop />} />
      <Toggle
        field="metronome"
        label="transport.metronome"
        hint="transport.metronomeHint"
        icon={<IconMetronome />}
      />
      <Toggle field="countIn" label="transport.countIn" hint="transport.countInHint" />
      <Toggle field="follow" label="transport.follow" hint="transport.followHint" />
      <div className="meter" role="img" aria-label={t('transport.meter')}>
        <span ref={left} className="meter-bar" />
        <span ref={right} className="meter-bar" />
      </div>
    </div>
  );
}

/** Re-renders when playback starts or stops (for the play/pause button). */
function useClockPlaying(playback: Playback): boolean {
  const [, force] = useReducerTick();
  useEffect(() => playback.clock.subscribe(force), [playback, force]);
  return playback.clock.playing();
}

function useReducerTick(): [number, () => void] {
  return useReducer((n: number) => n + 1, 0);
}
