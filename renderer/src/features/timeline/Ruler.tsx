/**
 * The ruler: bars and beats over clock time. Click to move the cursor (and the playhead),
 * drag to select a time range over every track.
 */
import { type PointerEvent, useEffect, useRef } from 'react';

import type { TrackId } from '../../../../app/model/ids.ts';
import type { TimeSelection } from '../../../../app/model/view.ts';
import type { TimeSignature } from '../../../../app/timeline/musical-time.ts';
import type { Ticks } from '../../../../app/timeline/units.ts';
import { ticks } from '../../../../app/timeline/units.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { drawRuler, readRulerColors } from './draw-ruler.ts';
import { trackPointer } from './pointer-drag.ts';
import { bypassesSnap, snapPosition } from './snapping.ts';
import { useTimeline } from './timeline-store.ts';
import { pxToTickPosition, type Viewport } from './viewport.ts';

export function Ruler(props: {
  viewport: Viewport;
  signature: TimeSignature;
  selection: TimeSelection | null;
  trackIds: readonly TrackId[];
  onSeek: (position: Ticks) => void;
  onSelect: (selection: TimeSelection | null) => void;
}) {
  const t = useT();
  const timeline = useTimeline();
  const canvas = useRef<HTMLCanvasElement>(null);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const element = canvas.current;
    if (element === null) {
      return;
    }
    const colors = readRulerColors(element);
    let frame = 0;
    const draw = () => {
      frame = 0;
      const { viewport, signature, selection } = latest.current;
      const { scrollLeft, lanesWidth } = timeline.scroll.get();
      const state = timeline.state.get();
      const width = Math.max(1, Math.floor(lanesWidth));
      const height = element.clientHeight || 40;
      const ratio = window.devicePixelRatio || 1;
      if (
        element.width !== Math.round(width * ratio) ||
        element.height !== Math.round(height * ratio)
      ) {
        element.width = Math.round(width * ratio);
        element.height = Math.round(height * ratio);
        element.style.width = `${width}px`;
      }
      const ctx = element.getContext('2d');
      if (ctx === null) {
        return;
      }
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      const shown = state.draftSelection === undefined ? selection : state.draftSelection;
      drawRuler(
        ctx,
        {
          viewport,
          signature,
          scrollLeft,
          width,
          height,
          selection: shown,
          loop: state.loop,
          cursor: state.cursor,
        },
        colors,
      );
    };
    const request = () => {
      if (frame === 0) {
        frame = requestAnimationFrame(draw);
      }
    };
    request();
    const offScroll = timeline.scroll.subscribe(request);
    const offState = timeline.state.subscribe(request);
    return () => {
      offScroll();
      offState();
      cancelAnimationFrame(frame);
    };
  }, [timeline, props.viewport, props.signature, props.selection]);

  const positionAt = (clientX: number): number => {
    const box = canvas.current?.getBoundingClientRect();
    const x = clientX - (box?.left ?? 0) + timeline.scroll.get().scrollLeft;
    return pxToTickPosition(x, props.viewport);
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) {
      return;
    }
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
    <canvas
      ref={canvas}
      className="timeline-ruler"
      data-testid="timeline-ruler"
      aria-label={t('timeline.ruler')}
      title={t('timeline.rulerHint')}
      onPointerDown={onPointerDown}
    />
  );
}
