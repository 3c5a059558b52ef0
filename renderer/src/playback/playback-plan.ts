/**
 * What playback schedules, worked out from the model with the mix laws (app/audio/mix-laws.ts)
 * and no Web Audio: per track its fader and pan, and the clip segments that sound in a range
 * of timeline samples, each with where its source starts and how its fades continue.
 */
import {
  audibleTrackIds,
  clipGain,
  clipSpan,
  type PanMatrix,
  panStereo,
  trackGain,
} from '../../../app/audio/mix-laws.ts';
import type { ClipId, MediaHash, TrackId } from '../../../app/model/ids.ts';
import type { ProjectState } from '../../../app/model/project.ts';

export interface ClipSegment {
  clipId: ClipId;
  trackId: TrackId;
  mediaHash: MediaHash;
  /** First timeline sample the segment plays, and how many samples it plays. */
  at: number;
  length: number;
  /** The source sample heard at `at`. */
  sourceStart: number;
  /** `at` as an index into the clip's span, and the span's length (the fades need both). */
  offsetInClip: number;
  clipLength: number;
  fadeIn: number;
  fadeOut: number;
  /** The clip's own gain, linear. */
  gain: number;
}

export interface TrackMix {
  trackId: TrackId;
  gain: number;
  pan: number;
  matrix: PanMatrix;
  /** Whether it sounds now (mute and solo applied). */
  audible: boolean;
}

export function trackMixes(state: ProjectState): TrackMix[] {
  const audible = audibleTrackIds(state.tracks);
  return state.tracks.map((track) => ({
    trackId: track.id,
    gain: trackGain(track),
    pan: track.pan,
    matrix: panStereo(track.pan),
    audible: audible.has(track.id),
  }));
}

/**
 * The parts of clips that sound in timeline samples [from, to) (to may be Infinity), in
 * timeline order. Every clip is scheduled whatever mute and solo say: those are track gains,
 * so toggling them is heard at once without rescheduling.
 */
export function segmentsIn(state: ProjectState, from: number, to: number): ClipSegment[] {
  const { tempo } = state.meta;
  const segments: ClipSegment[] = [];
  for (const clip of state.clips) {
    const span = clipSpan(clip, tempo);
    const start = Math.max(from, span.start);
    const end = Math.min(to, span.start + span.length);
    if (end <= start) {
      continue;
    }
    const offsetInClip = start - span.start;
    segments.push({
      clipId: clip.id,
      trackId: clip.trackId,
      mediaHash: clip.mediaHash,
      at: start,
      length: end - start,
      sourceStart: span.sourceOffset + offsetInClip,
      offsetInClip,
      clipLength: span.length,
      fadeIn: clip.fadeIn,
      fadeOut: clip.fadeOut,
      gain: clipGain(clip),
    });
  }
  return segments.sort((a, b) => a.at - b.at);
}

/** One point of a gain automation: the value at `at` samples after the segment starts. */
export interface GainPoint {
  at: number;
  value: number;
  /** 'set' jumps to the value; 'ramp' reaches it linearly from the previous point. */
  kind: 'set' | 'ramp';
}

/**
 * The fade-in and fade-out automations of a segment, as AudioParam events relative to its
 * start. A linear ramp from 0 at the clip's start to 1 at `fadeIn`, and from 1 at
 * `clipLength - fadeOut` to 0 at the clip's end: exactly fadeGain() of the mix laws at every
 * sample, also when playback starts inside a fade.
 */
export function fadeAutomation(segment: ClipSegment): {
  fadeIn: GainPoint[];
  fadeOut: GainPoint[];
} {
  const k = segment.offsetInClip;
  const { clipLength, fadeIn, fadeOut } = segment;
  const inPoints: GainPoint[] =
    fadeIn > 0 && k < fadeIn
      ? [
          { at: 0, value: k / fadeIn, kind: 'set' },
          { at: fadeIn - k, value: 1, kind: 'ramp' },
        ]
      : [{ at: 0, value: 1, kind: 'set' }];
  const outStart = clipLength - fadeOut;
  let outPoints: GainPoint[];
  if (fadeOut <= 0) {
    outPoints = [{ at: 0, value: 1, kind: 'set' }];
  } else if (k >= outStart) {
    outPoints = [
      { at: 0, value: (clipLength - k) / fadeOut, kind: 'set' },
      { at: clipLength - k, value: 0, kind: 'ramp' },
    ];
  } else {
    outPoints = [
      { at: 0, value: 1, kind: 'set' },
      { at: outStart - k, value: 1, kind: 'set' },
      { at: clipLength - k, value: 0, kind: 'ramp' },
    ];
  }
  return { fadeIn: inPoints, fadeOut: outPoints };
}
