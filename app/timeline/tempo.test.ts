import { describe, expect, it } from 'vitest';

import {
  dbToGain,
  gainToDb,
  samplesToTicks,
  secondsToTicks,
  ticksToSamples,
  ticksToSeconds,
} from './tempo.ts';
import { bpm, db, gain, PPQN, sampleRate, samples, seconds, ticks } from './units.ts';

describe('tempo conversions', () => {
  it('maps one quarter note to 0.5 s at 120 bpm and 0.4 s at 150 bpm', () => {
    expect(ticksToSeconds(ticks(PPQN), bpm(120))).toBe(0.5);
    expect(ticksToSeconds(ticks(PPQN), bpm(150))).toBeCloseTo(0.4, 12);
    expect(secondsToTicks(seconds(2), bpm(120))).toBe(4 * PPQN);
  });

  it('converts ticks to samples exactly at 48 kHz', () => {
    expect(ticksToSamples(ticks(PPQN), bpm(120), sampleRate(48_000))).toBe(24_000);
    expect(ticksToSamples(ticks(4 * PPQN * 100), bpm(97), sampleRate(48_000))).toBe(
      Math.round((400 * 60 * 48_000) / 97),
    );
  });

  it('round-trips samples to ticks within one tick', () => {
    for (const tempo of [60, 97.5, 128, 174]) {
      for (const t of [0, 1, 959, 960, 123_457]) {
        const s = ticksToSamples(ticks(t), bpm(tempo), sampleRate(48_000));
        expect(Math.abs(samplesToTicks(s, bpm(tempo), sampleRate(48_000)) - t)).toBeLessThanOrEqual(
          1,
        );
      }
    }
    expect(samplesToTicks(samples(48_000), bpm(120), sampleRate(48_000))).toBe(2 * PPQN);
  });

  it('converts decibels and gain', () => {
    expect(dbToGain(db(0))).toBe(1);
    expect(dbToGain(db(-6.0206))).toBeCloseTo(0.5, 4);
    expect(dbToGain(db(-Infinity))).toBe(0);
    expect(gainToDb(gain(0))).toBe(-Infinity);
    expect(gainToDb(gain(2))).toBeCloseTo(6.0206, 4);
  });
});
