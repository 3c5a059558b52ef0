/**
 * Where a workflow's audio sits, in samples: the context window a layer hears, a clip's media
 * under a timeline range, and clip lengths that never run past their media. Pure arithmetic
 * over the mix laws (app/audio/mix-laws.ts), so what the model hears is exactly what plays.
 */
import { clipSpan, timelineSample } from '../audio/mix-laws.ts';
import type { Clip } from '../model/project.ts';
import { type Bpm, PPQN, STUDIO_SAMPLE_RATE, type Ticks, ticks } from '../timeline/units.ts';

/** A layer's range that covers this share of its window or more gets the window padded. */
export const FULL_WINDOW_SHARE = 0.95;
/** Padding on each side of such a window (fully masked context is out of distribution). */
export const WINDOW_PAD_SAMPLES = STUDIO_SAMPLE_RATE;

/** A span of timeline samples [start, end). */
export interface SampleSpan {
  start: number;
  end: number;
}

export interface ContextWindow {
  /** The audio the model hears, timeline samples. */
  window: SampleSpan;
  /** The part it generates, timeline samples (inside the window). */
  region: SampleSpan;
  padded: boolean;
}

export function tickSpan(range: { start: Ticks; end: Ticks }, tempo: Bpm): SampleSpan {
  return { start: timelineSample(range.start, tempo), end: timelineSample(range.end, tempo) };
}

/**
 * The window a new layer hears: `window` (default the range itself), widened to hold the range,
 * and padded by WINDOW_PAD_SAMPLES each side (not before 0) when the range covers
 * FULL_WINDOW_SHARE of it or more.
 */
export function layerWindow(
  range: { start: Ticks; end: Ticks },
  tempo: Bpm,
  window?: { start: Ticks; end: Ticks },
): ContextWindow {
  const region = tickSpan(range, tempo);
  const given = window === undefined ? region : tickSpan(window, tempo);
  const start = Math.min(given.start, region.start);
  const end = Math.max(given.end, region.end);
  const padded = region.end - region.start >= FULL_WINDOW_SHARE * (end - start);
  return {
    region,
    window: padded
      ? { start: Math.max(0, start - WINDOW_PAD_SAMPLES), end: end + WINDOW_PAD_SAMPLES }
      : { start, end },
    padded,
  };
}

/**
 * The clip's media samples that play under a timeline span, clamped to the clip: media
 * [start, end) (null when they do not overlap).
 */
export function mediaSpanUnder(clip: Clip, span: SampleSpan, tempo: Bpm): SampleSpan | null {
  const played = clipSpan(clip, tempo);
  const from = Math.max(span.start, played.start);
  const to = Math.min(span.end, played.start + played.length);
  if (to <= from) {
    return null;
  }
  const offset = clip.sourceOffset - played.start;
  return { start: from + offset, end: to + offset };
}

/**
 * The longest length in ticks from `start` whose span holds at most `frames` samples (at least
 * one tick), so a clip placed for `frames` of audio never plays past its media.
 */
export function ticksFor(start: Ticks, frames: number, tempo: Bpm): Ticks {
  const first = timelineSample(start, tempo);
  let length = Math.max(1, Math.floor((frames * PPQN * tempo) / (60 * STUDIO_SAMPLE_RATE)));
  while (length > 1 && timelineSample(ticks(start + length), tempo) - first > frames) {
    length -= 1;
  }
  while (timelineSample(ticks(start + length + 1), tempo) - first <= frames) {
    length += 1;
  }
  return ticks(length);
}

/** Samples as seconds at 48 kHz (how model requests state regions). */
export const toSeconds = (frames: number): number => frames / STUDIO_SAMPLE_RATE;
