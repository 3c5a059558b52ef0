/** The bottom edge of a track header: drag it (or use ↑/↓ on it) to change the track's height. */
import type { KeyboardEvent, PointerEvent } from 'react';

import type { TrackId } from '../../../../app/model/ids.ts';
import { TRACK_HEIGHT_MAX, TRACK_HEIGHT_MIN } from '../../../../app/model/view.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { trackPointer } from './pointer-drag.ts';
import { useTimeline } from './timeline-store.ts';
import { useViewCommands } from './view-commands.ts';

const clampHeight = (height: number) =>
  Math.round(Math.min(TRACK_HEIGHT_MAX, Math.max(TRACK_HEIGHT_MIN, height)));

export function TrackHeightHandle(props: { trackId: TrackId; n: number; height: number }) {
  const t = useT();
  const timeline = useTimeline();
  const view = useViewCommands();
  const { trackId, height } = props;
  const setDraft = (value: number | null) => {
    timeline.state.set((state) => {
      const others = Object.entries(state.draftHeights).filter(([id]) => id !== trackId);
      const entries = value === null ? others : [...others, [trackId, value]];
      return { draftHeights: Object.fromEntries(entries) as Record<TrackId, number> };
    });
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.stopPropagation();
    trackPointer(
      event,
      {
        move: (move, from) => {
          setDraft(clampHeight(height + move.clientY - from.y));
        },
        end: (up, dragged) => {
          setDraft(null);
          if (dragged) {
            view.setTrackHeight(trackId, clampHeight(height + up.clientY - event.clientY));
          }
        },
        cancel: () => {
          setDraft(null);
        },
      },
      1,
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 32 : 8;
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      event.stopPropagation();
      view.setTrackHeight(trackId, clampHeight(height + (event.key === 'ArrowUp' ? -step : step)));
    }
  };
  return (
    <div
      className="track-height-handle"
      role="separator"
      aria-orientation="horizontal"
      aria-label={t('track.height', { n: props.n })}
      aria-valuemin={TRACK_HEIGHT_MIN}
      aria-valuemax={TRACK_HEIGHT_MAX}
      aria-valuenow={height}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
