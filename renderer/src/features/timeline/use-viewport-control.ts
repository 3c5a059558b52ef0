/**
 * The scroll container's side of the timeline: keeps the scroll store in step, zooms with
 * Ctrl/⌘+wheel around the pointer (previewed by a stretch, laid out when the wheel pauses),
 * and offers zoom and scroll commands to the rest of the app.
 */
import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';

import { ticksToSeconds } from '../../../../app/timeline/tempo.ts';
import type { Bpm, Seconds, Ticks } from '../../../../app/timeline/units.ts';
import type { Timeline, ViewportControl } from './timeline-store.ts';
import { clampZoom, fitZoom, zoomAround } from './viewport.ts';
import { zoomPreview } from './zoom-preview.ts';

/** How long zooming must pause before waveforms are drawn again at the new zoom. */
const RENDER_SETTLE_MS = 140;
/** Ctrl+wheel: how long the wheel must pause before the previewed zoom is laid out. */
const WHEEL_SETTLE_MS = 120;
/** Ctrl+wheel: this much zoom per 100 px of wheel travel. */
const WHEEL_ZOOM_PER_100PX = 1.25;

export function useViewportControl(
  timeline: Timeline,
  scrollerRef: RefObject<HTMLDivElement | null>,
  options: { headerWidth: number; tempo: Bpm; length: Seconds; pxPerSecond: number },
): void {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const pendingScroll = useRef<number | null>(null);
  const clearPreview = useRef<(() => void) | null>(null);

  // Apply the scroll that belongs to a zoom, and drop the wheel zoom's preview, in the same
  // frame the new widths are laid out.
  const { pxPerSecond } = options;
  useLayoutEffect(() => {
    const element = scrollerRef.current;
    if (element !== null && pendingScroll.current !== null) {
      element.scrollLeft = pendingScroll.current;
      pendingScroll.current = null;
    }
    clearPreview.current?.();
    clearPreview.current = null;
  });

  useEffect(() => {
    const element = scrollerRef.current;
    if (element === null) {
      return;
    }
    const lanesWidth = () => Math.max(0, element.clientWidth - latest.current.headerWidth);
    let frame = 0;
    const publish = () => {
      frame = 0;
      timeline.scroll.set({
        scrollLeft: element.scrollLeft,
        scrollTop: element.scrollTop,
        lanesWidth: lanesWidth(),
        height: element.clientHeight,
      });
    };
    const onScroll = () => {
      if (frame === 0) {
        frame = requestAnimationFrame(publish);
      }
    };
    publish();
    // The first step of a zoom remembers what the waveforms were drawn for (see ClipWaveform).
    const setZoom = (pxPerSecond: number) => {
      const state = timeline.state.get();
      const { scrollLeft, lanesWidth } = timeline.scroll.get();
      const starting = state.pxPerSecond === state.renderPxPerSecond;
      timeline.state.set(
        starting ? { pxPerSecond, renderScroll: { scrollLeft, lanesWidth } } : { pxPerSecond },
      );
    };
    const zoomTo = (next: number, anchorPx?: number) => {
      const state = timeline.state.get();
      const clamped = clampZoom(next, latest.current.length);
      const anchor = anchorPx ?? lanesWidth() / 2;
      const target = zoomAround(
        { pxPerSecond: state.pxPerSecond, scrollLeft: element.scrollLeft },
        clamped,
        anchor,
      );
      pendingScroll.current = target.scrollLeft;
      setZoom(clamped);
      timeline.scroll.set({ scrollLeft: target.scrollLeft });
    };
    const secondsAt = (position: Ticks) => ticksToSeconds(position, latest.current.tempo);
    const control: ViewportControl = {
      zoomTo,
      zoomToFit: () => {
        const zoom = clampZoom(fitZoom(latest.current.length, lanesWidth()), latest.current.length);
        pendingScroll.current = 0;
        setZoom(zoom);
        timeline.scroll.set({ scrollLeft: 0 });
      },
      zoomToRange: (from, to) => {
        const span = Math.max(0.05, secondsAt(to) - secondsAt(from));
        const zoom = clampZoom((lanesWidth() * 0.9) / span, latest.current.length);
        const scrollLeft = Math.max(0, secondsAt(from) * zoom - lanesWidth() * 0.05);
        pendingScroll.current = scrollLeft;
        setZoom(zoom);
        timeline.scroll.set({ scrollLeft });
      },
      scrollToTicks: (position, align) => {
        const x = secondsAt(position) * timeline.state.get().pxPerSecond;
        const width = lanesWidth();
        if (align === 'visible' && x >= element.scrollLeft && x <= element.scrollLeft + width) {
          return;
        }
        element.scrollLeft = Math.max(0, align === 'center' ? x - width / 2 : x - width * 0.05);
      },
    };
    const withdraw = timeline.provideViewport(control);
    // Wheel zoom is previewed once per frame, however many events arrive (trackpads send many),
    // and applied when the wheel pauses; the box is measured on resize, not per event (that
    // would force a layout each time).
    let left = element.getBoundingClientRect().left;
    const preview = zoomPreview(element);
    let wheel: { factor: number; anchor: number; frame: number; settle: number } | null = null;
    const showPreview = () => {
      if (wheel === null) {
        return;
      }
      wheel.frame = 0;
      const base = timeline.state.get().pxPerSecond;
      const zoom = clampZoom(base * wheel.factor, latest.current.length);
      wheel.factor = zoom / base;
      preview.show(wheel.factor, element.scrollLeft + wheel.anchor);
    };
    const applyWheelZoom = () => {
      const step = wheel;
      wheel = null;
      if (step === null) {
        return;
      }
      cancelAnimationFrame(step.frame);
      const before = timeline.state.get().pxPerSecond;
      zoomTo(before * step.factor, step.anchor);
      if (timeline.state.get().pxPerSecond === before) {
        preview.clear(); // nothing to lay out: no render will clear it
      } else {
        clearPreview.current = preview.clear;
      }
    };
    const onWheel = (event: WheelEvent) => {
      if (!(event.ctrlKey || event.metaKey)) {
        return;
      }
      event.preventDefault();
      const anchor = Math.max(0, event.clientX - left - latest.current.headerWidth);
      const pixels = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      const factor = WHEEL_ZOOM_PER_100PX ** (-pixels / 100);
      if (wheel === null) {
        wheel = { factor, anchor, frame: 0, settle: 0 };
      } else {
        // The anchor stays where the gesture began: the preview stretches around one point.
        wheel.factor *= factor;
        clearTimeout(wheel.settle);
      }
      wheel.settle = window.setTimeout(applyWheelZoom, WHEEL_SETTLE_MS);
      if (wheel.frame === 0) {
        wheel.frame = requestAnimationFrame(showPreview);
      }
    };
    const onResize = () => {
      left = element.getBoundingClientRect().left;
      onScroll();
    };
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(onResize) : null;
    resize?.observe(element);
    element.addEventListener('scroll', onScroll, { passive: true });
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      cancelAnimationFrame(frame);
      if (wheel !== null) {
        cancelAnimationFrame(wheel.frame);
        clearTimeout(wheel.settle);
      }
      preview.clear();
      resize?.disconnect();
      element.removeEventListener('scroll', onScroll);
      element.removeEventListener('wheel', onWheel);
      withdraw();
    };
  }, [timeline, scrollerRef]);

  // Waveforms follow the zoom once it settles; until then they are stretched.
  useEffect(() => {
    const timer = setTimeout(() => {
      const { scrollLeft, lanesWidth } = timeline.scroll.get();
      timeline.state.set({
        renderPxPerSecond: timeline.state.get().pxPerSecond,
        renderScroll: { scrollLeft, lanesWidth },
      });
    }, RENDER_SETTLE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [timeline, pxPerSecond]);
}
