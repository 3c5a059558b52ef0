/**
 * The mix laws, in one place: how a clip, a track and the master combine. The offline renderer
 * (main/core/audio/mix) and the timeline's playback (renderer, Tone.js) both call these
 * functions, so playback and export agree sample for sample. Pure: no DOM, no Node.
 *
 * The signal path of one clip sample, at timeline sample `t` (48 kHz, see `clipSpan`):
 *
 *   source[sourceOffset + i]           i = t - span.start, 0 <= i < span.length
 *   × clipGain(clip)                   dB to linear, see app/timeline/tempo.ts dbToGain
 *   × fadeGain(i, span.length, ...)    linear ramps, see fadeGain
 *   summed with the track's other clips (overlaps add)
 *   × trackGain(track)                 dB to linear
 *   → panStereo(track.pan)             the Web Audio StereoPannerNode law for stereo input
 *   summed over audible tracks (audibleTrackIds: mute and solo) → master, no limiter, no clip.
 *
 * Media is always stereo at 48 kHz (the studio format), so the stereo pan law is the only one.
 */
import type { Clip, Track } from '../model/project.ts';
import { dbToGain, ticksToSamples } from '../timeline/tempo.ts';
import {
  type Bpm,
  type Gain,
  sampleRate,
  type Samples,
  STUDIO_SAMPLE_RATE,
  type Ticks,
} from '../timeline/units.ts';

/** Where a clip sounds on the timeline and which source samples it plays, all in samples. */
export interface ClipSpan {
  /** First timeline sample the clip covers. */
  start: Samples;
  /** Number of samples it covers (end exclusive = start + length). */
  length: Samples;
  /** Source sample played at `start`. */
  sourceOffset: Samples;
}

const STUDIO_RATE = sampleRate(STUDIO_SAMPLE_RATE);

/** A timeline position in ticks as a 48 kHz sample index (rounded to nearest). */
export function timelineSample(position: Ticks, tempo: Bpm): Samples {
  return ticksToSamples(position, tempo, STUDIO_RATE);
}

/**
 * A clip's span in samples. Start and end are each rounded from ticks, and the length is their
 * difference, so adjacent clips (end of one = start of the next, in ticks) meet without a gap or
 * an overlap at any tempo.
 */
export function clipSpan(
  clip: Pick<Clip, 'start' | 'length' | 'sourceOffset'>,
  tempo: Bpm,
): ClipSpan {
  const start = timelineSample(clip.start, tempo);
  const end = timelineSample((clip.start + clip.length) as Ticks, tempo);
  return { start, length: (end - start) as Samples, sourceOffset: clip.sourceOffset };
}

/** The clip's own gain, linear. */
export function clipGain(clip: Pick<Clip, 'gainDb'>): Gain {
  return dbToGain(clip.gainDb);
}

/** The track fader, linear. */
export function trackGain(track: Pick<Track, 'gainDb'>): Gain {
  return dbToGain(track.gainDb);
}

/**
 * Fade gain of the clip sample at index `i` (0-based within the clip's span of `length`
 * samples). Fade-in: a linear ramp from 0 at i = 0 reaching 1 at i = fadeIn, i.e. i / fadeIn.
 * Fade-out: a linear ramp from 1 at i = length - fadeOut reaching 0 at i = length, i.e.
 * (length - i) / fadeOut. Both are what an AudioParam linearRampToValueAtTime produces when
 * scheduled from the clip's start (value 0) and towards its end (value 0). When the fades
 * overlap, their gains multiply. Zero-length fades are gain 1.
 */
export function fadeGain(i: number, length: number, fadeIn: number, fadeOut: number): number {
  const rampIn = fadeIn > 0 && i < fadeIn ? i / fadeIn : 1;
  const fromEnd = length - i;
  const rampOut = fadeOut > 0 && fromEnd < fadeOut ? fromEnd / fadeOut : 1;
  return Math.min(1, Math.max(0, rampIn)) * Math.min(1, Math.max(0, rampOut));
}

/**
 * The stereo pan law: out = [[ll, rl], [lr, rr]] · in, i.e.
 *   outL = ll·inL + rl·inR,  outR = lr·inL + rr·inR.
 * This is the equal-power (cos/sin) law the Web Audio spec defines for StereoPannerNode with a
 * stereo input, so Tone.Panner (a StereoPannerNode) reproduces it exactly:
 *   pan <= 0: x = pan + 1; outL = inL + inR·cos(x·π/2); outR = inR·sin(x·π/2)
 *   pan >  0: x = pan;     outL = inL·cos(x·π/2);       outR = inR + inL·sin(x·π/2)
 * Centre (0) is unity (left stays left, right stays right); hard left (-1) folds the right
 * channel fully into the left; the moving channel's gains satisfy cos² + sin² = 1.
 */
export interface PanMatrix {
  ll: number;
  rl: number;
  lr: number;
  rr: number;
}

export function panStereo(pan: number): PanMatrix {
  const p = Math.min(1, Math.max(-1, pan));
  if (p <= 0) {
    const x = ((p + 1) * Math.PI) / 2;
    return { ll: 1, rl: Math.cos(x), lr: 0, rr: Math.sin(x) };
  }
  const x = (p * Math.PI) / 2;
  return { ll: Math.cos(x), rl: 0, lr: Math.sin(x), rr: 1 };
}

/**
 * Which tracks sound: a muted track never does; when any considered track is soloed, only
 * soloed (and unmuted) tracks do. `respectMuteSolo: false` makes every given track audible
 * (stem export renders a track regardless of what the user is monitoring).
 */
export function audibleTrackIds(
  tracks: readonly Pick<Track, 'id' | 'mute' | 'solo'>[],
  options: { respectMuteSolo: boolean } = { respectMuteSolo: true },
): Set<Track['id']> {
  if (!options.respectMuteSolo) {
    return new Set(tracks.map((track) => track.id));
  }
  const anySolo = tracks.some((track) => track.solo);
  return new Set(
    tracks.filter((track) => !track.mute && (!anySolo || track.solo)).map((track) => track.id),
  );
}
