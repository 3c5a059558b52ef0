/**
 * Pixels and musical time on the timeline. Zoom is pixels per second of audio; every
 * conversion between ticks, seconds and samples goes through app/timeline.
 */
import { clipSpan } from '../../../../app/audio/mix-laws.ts';
import type { Clip } from '../../../../app/model/project.ts';
import { secondsToTicks, ticksToSeconds } from '../../../../app/timeline/tempo.ts';
import {
  type Bpm,
  PPQN,
  type SampleRate,
  type Seconds,
  seconds,
  type Ticks,
} from '../../../../app/timeline/units.ts';

export interface Viewport {
  pxPerSecond: number;
  tempo: Bpm;
}

export const ZOOM_MIN_PX_PER_SECOND = 0.5;
export const ZOOM_MAX_PX_PER_SECOND = 4000;
/** Chromium lays out up to ~33 million px; the lanes stay well inside that. */
export const MAX_CONTENT_PX = 16_000_000;
/** One keyboard or button zoom step. */
export const ZOOM_STEP = Math.SQRT2;
export const DEFAULT_PX_PER_SECOND = 40;

export function ticksToPx(position: Ticks, viewport: Viewport): number {
  return ticksToSeconds(position, viewport.tempo) * viewport.pxPerSecond;
}

/** Unrounded ticks at `px`; round (or snap) before storing. */
export function pxToTickPosition(px: number, viewport: Viewport): number {
  return ((px / viewport.pxPerSecond) * viewport.tempo * PPQN) / 60;
}

export function pxToTicks(px: number, viewport: Viewport): Ticks {
  return secondsToTicks(seconds(px / viewport.pxPerSecond), viewport.tempo);
}

export function pxPerTick(viewport: Viewport): number {
  return (viewport.pxPerSecond * 60) / (viewport.tempo * PPQN);
}

/** The zoom range for content `length` seconds long. */
export function zoomLimits(length: Seconds): { min: number; max: number } {
  const max = Math.min(ZOOM_MAX_PX_PER_SECOND, MAX_CONTENT_PX / Math.max(1, length));
  return { min: ZOOM_MIN_PX_PER_SECOND, max: Math.max(ZOOM_MIN_PX_PER_SECOND, max) };
}

export function clampZoom(pxPerSecond: number, length: Seconds): number {
  const { min, max } = zoomLimits(length);
  return Math.min(max, Math.max(min, pxPerSecond));
}

/**
 * A new zoom that keeps the time under `anchorPx` (relative to the lanes' visible left edge)
 * where it is: returns the zoom and the scroll position that does it.
 */
export function zoomAround(
  current: { pxPerSecond: number; scrollLeft: number },
  nextPxPerSecond: number,
  anchorPx: number,
): { pxPerSecond: number; scrollLeft: number } {
  const time = (current.scrollLeft + anchorPx) / current.pxPerSecond;
  return {
    pxPerSecond: nextPxPerSecond,
    scrollLeft: Math.max(0, time * nextPxPerSecond - anchorPx),
  };
}

/** The zoom at which `length` seconds fill `widthPx` (with a little air on the right). */
export function fitZoom(length: Seconds, widthPx: number): number {
  return (Math.max(1, widthPx) * 0.96) / Math.max(0.01, length);
}

/** How long the lanes are: the last clip's end plus room to work, at least a minute. */
export function contentSeconds(
  clips: readonly Pick<Clip, 'start' | 'length' | 'sourceOffset'>[],
  tempo: Bpm,
  rate: SampleRate,
): Seconds {
  let end = 0;
  for (const clip of clips) {
    const span = clipSpan(clip, tempo);
    end = Math.max(end, (span.start + span.length) / rate);
  }
  return seconds(Math.max(60, end * 1.1 + 8));
}

/** The visible part of the lanes, in ticks, for culling and the ruler. */
export function visibleTicks(
  scrollLeft: number,
  widthPx: number,
  viewport: Viewport,
): { from: number; to: number } {
  return {
    from: pxToTickPosition(scrollLeft, viewport),
    to: pxToTickPosition(scrollLeft + widthPx, viewport),
  };
}
