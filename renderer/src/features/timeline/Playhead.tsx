/**
 * The playhead line over the ruler and the lanes. While playing it is moved every frame from
 * the playback clock (a transform, no React render); stopped, it sits at the cursor.
 */
import { useEffect, useRef } from 'react';

import { ticksToSeconds } from '../../../../app/timeline/tempo.ts';
import { usePlaybackClock } from './playback-clock.ts';
import { useTimeline } from './timeline-store.ts';
import type { Viewport } from './viewport.ts';

export function Playhead(props: { viewport: Viewport }) {
  const timeline = useTimeline();
  const clock = usePlaybackClock();
  const line = useRef<HTMLDivElement>(null);
  const latest = useRef(props.viewport);
  useEffect(() => {
    latest.current = props.viewport;
  });
  useEffect(() => {
    let frame = 0;
    const place = () => {
      frame = 0;
      const viewport = latest.current;
      const playing = clock.playing();
      const secondsAt = playing
        ? clock.positionSeconds()
        : ticksToSeconds(timeline.state.get().cursor, viewport.tempo);
      const x = secondsAt * viewport.pxPerSecond;
      if (line.current !== null) {
        line.current.style.transform = `translateX(${x}px)`;
        line.current.classList.toggle('is-playing', playing);
      }
      if (playing) {
        clock.onFrame(x);
        frame = requestAnimationFrame(place);
      }
    };
    const request = () => {
      if (frame === 0) {
        frame = requestAnimationFrame(place);
      }
    };
    request();
    const offState = timeline.state.subscribe(request);
    const offClock = clock.subscribe(request);
    return () => {
      offState();
      offClock();
      cancelAnimationFrame(frame);
    };
  }, [timeline, clock]);
  useEffect(() => {
    const viewport = props.viewport;
    if (line.current !== null && !clock.playing()) {
      const x = ticksToSeconds(timeline.state.get().cursor, viewport.tempo) * viewport.pxPerSecond;
      line.current.style.transform = `translateX(${x}px)`;
    }
  }, [props.viewport, timeline, clock]);
  return <div className="playhead" ref={line} data-testid="playhead" aria-hidden="true" />;
}
