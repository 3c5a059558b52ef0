import { describe, expect, it } from 'vitest';

import { fadeGain } from '../../../app/audio/mix-laws.ts';
import type { ClipId, MediaHash } from '../../../app/model/ids.ts';
import { type Clip, defaultProjectMeta, type ProjectState } from '../../../app/model/project.ts';
import { db, PPQN, type Samples, type Ticks } from '../../../app/timeline/units.ts';
import { makeTrack } from '../testing/fake-studio.ts';
import {
  type ClipSegment,
  fadeAutomation,
  type GainPoint,
  segmentsIn,
  trackMixes,
} from './playback-plan.ts';

const a = makeTrack('A', { gainDb: db(-6), pan: 0.5 });
const b = makeTrack('B', { mute: true });
const clip = (n: number, start: number, length: number, fields: Partial<Clip> = {}): Clip => ({
  id: `cccccccc-0000-4000-8000-${String(n).padStart(12, '0')}` as ClipId,
  trackId: a.id,
  start: start as Ticks,
  length: length as Ticks,
  mediaHash: 'd'.repeat(64) as MediaHash,
  sourceOffset: 1000 as Samples,
  gainDb: db(0),
  fadeIn: 0 as Samples,
  fadeOut: 0 as Samples,
  name: 'c',
  ...fields,
});
// At 120 bpm a beat is 24 000 samples.
const state: ProjectState = {
  meta: defaultProjectMeta(),
  tracks: [a, b],
  clips: [clip(1, 0, PPQN), clip(2, 4 * PPQN, 2 * PPQN, { trackId: b.id })],
};

/** What a sequence of AudioParam events gives at sample `i` (linear ramps, jumps). */
function valueAt(points: readonly GainPoint[], i: number): number {
  let previous = { at: 0, value: 1 };
  for (const point of points) {
    if (i < point.at) {
      if (point.kind === 'ramp') {
        return (
          previous.value +
          ((point.value - previous.value) * (i - previous.at)) / (point.at - previous.at)
        );
      }
      return previous.value;
    }
    previous = point;
  }
  return previous.value;
}

describe('playback plan', () => {
  it('gives each track its fader, pan and whether it sounds', () => {
    const [first, second] = trackMixes(state);
    expect(first).toMatchObject({ trackId: a.id, audible: true, pan: 0.5 });
    expect(first!.gain).toBeCloseTo(0.501, 3);
    expect(second!.audible).toBe(false);
  });

  it('cuts clips to the range and says where their sources start', () => {
    const segments = segmentsIn(state, 12_000, 100_000);
    expect(segments.map((s) => [s.at, s.length, s.sourceStart, s.offsetInClip])).toEqual([
      [12_000, 12_000, 13_000, 12_000],
      [96_000, 4_000, 1_000, 0],
    ]);
    expect(segmentsIn(state, 200_000, Infinity)).toEqual([]);
  });

  it('continues fades exactly as the mix laws define them, from any start', () => {
    const fades = { fadeIn: 3000, fadeOut: 5000 };
    const segment = (offsetInClip: number): ClipSegment => ({
      ...segmentsIn(state, 0, 1)[0]!,
      offsetInClip,
      clipLength: 24_000,
      ...fades,
    });
    for (const k of [0, 1000, 2999, 3000, 12_000, 19_000, 19_001, 23_999]) {
      const { fadeIn, fadeOut } = fadeAutomation(segment(k));
      for (let i = k; i < 24_000; i += 97) {
        const heard = valueAt(fadeIn, i - k) * valueAt(fadeOut, i - k);
        expect(heard).toBeCloseTo(fadeGain(i, 24_000, fades.fadeIn, fades.fadeOut), 9);
      }
    }
  });
});
