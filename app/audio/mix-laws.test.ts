import { describe, expect, it } from 'vitest';

import { seededRandom } from '../../tests/helpers/random.ts';
import type { TrackId } from '../model/ids.ts';
import { bpm, db, PPQN, samples, ticks } from '../timeline/units.ts';
import {
  audibleTrackIds,
  clipGain,
  clipSpan,
  fadeGain,
  panStereo,
  timelineSample,
  trackGain,
} from './mix-laws.ts';

describe('clipSpan', () => {
  it('places a quarter note at 120 bpm as 24 000 samples (0.5 s at 48 kHz)', () => {
    const span = clipSpan(
      { start: ticks(PPQN), length: ticks(PPQN * 2), sourceOffset: samples(7) },
      bpm(120),
    );
    expect(span).toEqual({ start: 24_000, length: 48_000, sourceOffset: 7 });
    expect(timelineSample(ticks(PPQN * 4), bpm(60))).toBe(4 * 48_000);
  });

  it('lets adjacent clips meet exactly at any tempo (no gap, no overlap)', () => {
    const random = seededRandom(11);
    for (let n = 0; n < 500; n += 1) {
      const tempo = bpm(20 + random.next() * 380);
      const start = ticks(Math.floor(random.next() * 1e7));
      const firstLength = ticks(1 + Math.floor(random.next() * 1e5));
      const a = clipSpan({ start, length: firstLength, sourceOffset: samples(0) }, tempo);
      const b = clipSpan(
        { start: ticks(start + firstLength), length: ticks(10), sourceOffset: samples(0) },
        tempo,
      );
      expect(a.start + a.length).toBe(b.start);
    }
  });
});

describe('gains', () => {
  it('converts dB to linear amplitude', () => {
    expect(clipGain({ gainDb: db(0) })).toBe(1);
    expect(trackGain({ gainDb: db(-6.0206) })).toBeCloseTo(0.5, 4);
    expect(trackGain({ gainDb: db(20) })).toBeCloseTo(10, 10);
  });
});

describe('fadeGain', () => {
  it('ramps in linearly from 0 to 1 over fadeIn samples', () => {
    expect(fadeGain(0, 1000, 100, 0)).toBe(0);
    expect(fadeGain(50, 1000, 100, 0)).toBe(0.5);
    expect(fadeGain(100, 1000, 100, 0)).toBe(1);
    expect(fadeGain(999, 1000, 100, 0)).toBe(1);
  });

  it('ramps out linearly towards 0 at the end of the clip', () => {
    expect(fadeGain(900, 1000, 0, 100)).toBe(1);
    expect(fadeGain(950, 1000, 0, 100)).toBe(0.5);
    expect(fadeGain(999, 1000, 0, 100)).toBeCloseTo(0.01, 12);
  });

  it('multiplies overlapping fades and treats zero-length fades as unity', () => {
    expect(fadeGain(50, 100, 100, 100)).toBeCloseTo(0.25, 12);
    expect(fadeGain(0, 10, 0, 0)).toBe(1);
  });
});

describe('panStereo', () => {
  const apply = (pan: number, l: number, r: number) => {
    const m = panStereo(pan);
    return [m.ll * l + m.rl * r, m.lr * l + m.rr * r];
  };

  it('is unity at the centre', () => {
    const [l, r] = apply(0, 0.3, -0.7);
    expect(l).toBeCloseTo(0.3, 12);
    expect(r).toBeCloseTo(-0.7, 12);
  });

  it('folds the other channel fully in at the extremes', () => {
    const left = apply(-1, 0.25, 0.5);
    expect(left[0]).toBeCloseTo(0.75, 12);
    expect(left[1]).toBeCloseTo(0, 12);
    const right = apply(1, 0.25, 0.5);
    expect(right[0]).toBeCloseTo(0, 12);
    expect(right[1]).toBeCloseTo(0.75, 12);
  });

  it('moves the far channel with equal power (cos² + sin² = 1) and -3 dB at half pan', () => {
    for (const pan of [-0.9, -0.5, -0.1, 0.1, 0.5, 0.9]) {
      const m = panStereo(pan);
      const moved = pan < 0 ? m.rl ** 2 + m.rr ** 2 : m.ll ** 2 + m.lr ** 2;
      expect(moved).toBeCloseTo(1, 12);
    }
    expect(panStereo(-0.5).rr).toBeCloseTo(Math.SQRT1_2, 12);
    expect(panStereo(0.5).ll).toBeCloseTo(Math.SQRT1_2, 12);
  });
});

describe('audibleTrackIds', () => {
  const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}` as TrackId;
  const tracks = [
    { id: id(1), mute: false, solo: false },
    { id: id(2), mute: true, solo: false },
    { id: id(3), mute: false, solo: true },
    { id: id(4), mute: true, solo: true },
  ];

  it('honours mute, and solo when any track is soloed', () => {
    expect([...audibleTrackIds(tracks)]).toEqual([id(3)]);
    expect([...audibleTrackIds(tracks.slice(0, 2))]).toEqual([id(1)]);
  });

  it('makes every track audible when mute and solo are ignored', () => {
    expect(audibleTrackIds(tracks, { respectMuteSolo: false }).size).toBe(4);
  });
});
