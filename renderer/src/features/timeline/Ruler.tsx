/**
 * The ruler: bars and beats over clock time. Click to move the cursor (and the playhead),
 * drag to select a time range over every track. It is drawn in tiles that scroll with the
 * lanes (nothing is repainted while scrolling); selection and cursor are overlays.
 */
import { memo, type PointerEvent, useEffect, useRef } from 'react';

import type { TrackId } from '../../../../app/model/ids.ts';
import type { TimeSelection } from '../../../../app/model/view.ts';
import type { TimeSignature } from '../../../../app/timeline/musical-time.ts';
import type { Ticks } from '../../../../app/timeline/units.ts';
import { ticks } from '../../../../app/timeline/units.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { drawRuler, readRulerColors } from './draw-ruler.ts';
import { trackPointer } from './pointer-drag.ts';
import { bypassesSnap, snapPosition } from './snapping.ts';
import { useStoreValue, useTimeline, useTimelineValue } from './timeline-store.ts';
import { pxToTickPosition, ticksToPx, type Viewport } from './viewport.ts';

const TILE_PX = 1024;
const HEIGHT = 40;

const RulerTile = memo(function RulerTile(props: {
  index: number;
  width: number;
  viewport: Viewport;
  signature: TimeSignature;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { index, width, viewport, signature } = props;
  useEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d') ?? null;
    if (element === null || ctx === null) {
      return;
    }
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(width * ratio);
    element.height = Math.round(HEIGHT * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const picture = { viewport, signature, scrollLeft: index * TILE_PX, width, height: HEIGHT };
    drawRuler(ctx, picture, readRulerColors(element));
  }, [index, width, viewport, signature]);
  return (
    <canvas
      ref={canvas}
      className="ruler-tile"
      style={{ left: index * TILE_PX, width, height: HEIGHT }}
      aria-hidden="true"
    />
  );
});

/** The selection band (a loop bar on top while looping) and the cursor's marker. */
function RulerOverlays(props: { viewport: Viewport; selection: TimeSelection | null }) {
  const draft = useTimelineValue((s) => s.draftSelection);
  const loop = useTimelineValue((s) => s.loop);
  const cursor = useTimelineValue((s) => s.cursor);
  const shown = draft === undefined ? props.selection : draft;
  return (
    <>
      {shown === null ? null : (
        <div
          className={`ruler-selection${loop ? ' is-looping' : ''}`}
          data-testid="ruler-selection"
          style={{
            left: ticksToPx(shown.start, props.viewport),
            width: ticksToPx(shown.end, props.viewport) - ticksToPx(shown.start, props.viewport),
          }}
        />
      )}
      <div className="ruler-cursor" style={{ left: ticksToPx(cursor, props.viewport) }} />
    </>
  );
}

export function Ruler(props: {
  viewport: Viewport;
  signature: TimeSignature;
  /** The lanes' width in pixels. */
  width: number;
  selection: TimeSelection | null;
  trackIds: readonly TrackId[];
  onSeek: (position: Ticks) => void;
  onSelect: (selection: TimeSelection | null) => void;
}) {
  const t = useT();
  const timeline = useTimeline();
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const count = Math.max(1, Math.ceil(props.width / TILE_PX));
  const range = useStoreValue(timeline.scroll, (s) => {
    const first = Math.max(0, Math.floor(s.scrollLeft / TILE_PX) - 1);
    return `${first}:${Math.floor((s.scrollLeft + s.lanesWidth) / TILE_PX) + 1}`;
  });
  const [first, last] = range.split(':').map(Number) as [number, number];
  const tiles: number[] = [];
  for (let i = first; i <= Math.min(last, count - 1); i += 1) {
    tiles.push(i);
  }

  const positionAt = (clientX: number): number => {
    const left = container.current?.getBoundingClientRect().left ?? 0;
    return pxToTickPosition(clientX - left, latest.current.viewport);
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) {
      return;
    }
    event.preventDefault();
    const context = {
      viewport: props.viewport,
      signature: props.signature,
      snap: timeline.state.get().snap,
    };
    const anchor = snapPosition(positionAt(event.clientX), context, bypassesSnap(event));
    trackPointer(event, {
      move: (move) => {
        const at = snapPosition(positionAt(move.clientX), context, bypassesSnap(move));
        timeline.state.set({
          draftSelection:
            at === anchor
              ? null
              : {
                  start: ticks(Math.min(anchor, at)),
                  end: ticks(Math.max(anchor, at)),
                  trackIds: [...latest.current.trackIds],
                },
        });
      },
      end: (_up, dragged) => {
        const draft = timeline.state.get().draftSelection;
        timeline.state.set({ draftSelection: undefined });
        if (dragged) {
          latest.current.onSelect(draft ?? null);
        } else {
          latest.current.onSeek(anchor);
        }
      },
      cancel: () => {
        timeline.state.set({ draftSelection: undefined });
      },
    });
  };

  return (
    <div
      ref={container}
      className="timeline-ruler"
      data-testid="timeline-ruler"
      role="group"
      aria-label={t('timeline.ruler')}
      title={t('timeline.rulerHint')}
      style={{ width: props.width }}
      onPointerDown={onPointerDown}
    >
      {tiles.map((index) => (
        <RulerTile
          key={index}
          index={index}
          width={Math.min(TILE_PX, props.width - index * TILE_PX)}
          viewport={props.viewport}
          signature={props.signature}
        />
      ))}
      <RulerOverlays viewport={props.viewport} selection={props.selection} />
    </div>
  );
}
