/**
 * Where a clip sounds, in samples. A clip covers the timeline samples [start, end), with
 * start = ticksToSamples(clip.start) and end = ticksToSamples(clip.start + clip.length), and
 * plays its source from `sourceStart` onwards, one source sample per timeline sample.
 *
 * CONTRACT: both edges are rounded from ticks independently (never start + rounded length),
 * so clips that touch in ticks touch in samples. Playback, the mix renderer and the editing
 * math all place clips through this function.
 */
import { ticksToSamples } from './tempo.ts';
import { type Bpm, type SampleRate, type Samples, samples, type Ticks } from './units.ts';

export interface ClipPlacement {
  start: Ticks;
  length: Ticks;
  sourceOffset: Samples;
}

export interface ClipSpan {
  /** First timeline sample of the clip. */
  start: Samples;
  /** One past the last timeline sample. */
  end: Samples;
  /** The source sample heard at `start`. */
  sourceStart: Samples;
}

export function clipSpan(clip: ClipPlacement, tempo: Bpm, rate: SampleRate): ClipSpan {
  const start = ticksToSamples(clip.start, tempo, rate);
  const end = ticksToSamples((clip.start + clip.length) as Ticks, tempo, rate);
  return { start, end, sourceStart: clip.sourceOffset };
}

/** The clip's length in samples. */
export function clipSampleLength(clip: ClipPlacement, tempo: Bpm, rate: SampleRate): Samples {
  const span = clipSpan(clip, tempo, rate);
  return samples(span.end - span.start);
}

/**
 * The source offset a clip needs when its start moves from `clip.start` to `newStart` and the
 * audio must stay where it is on the timeline (trimming the left edge, splitting).
 */
export function alignedSourceOffset(
  clip: ClipPlacement,
  newStart: Ticks,
  tempo: Bpm,
  rate: SampleRate,
): Samples {
  const moved = ticksToSamples(newStart, tempo, rate) - ticksToSamples(clip.start, tempo, rate);
  return samples(clip.sourceOffset + moved);
}
