/**
 * Conversions between musical time (ticks), seconds and samples at a constant tempo.
 * Ticks and samples are integers: conversions into them round to the nearest unit.
 */
import {
  type Bpm,
  type Db,
  type Gain,
  PPQN,
  type SampleRate,
  type Samples,
  type Seconds,
  type Ticks,
} from './units.ts';

export function ticksToSeconds(value: Ticks, tempo: Bpm): Seconds {
  return (((value / PPQN) * 60) / tempo) as Seconds;
}

export function secondsToTicks(value: Seconds, tempo: Bpm): Ticks {
  return Math.round(((value * tempo) / 60) * PPQN) as Ticks;
}

/** Exact up to one rounding: computed as ticks·60·rate / (PPQN·bpm). */
export function ticksToSamples(value: Ticks, tempo: Bpm, rate: SampleRate): Samples {
  return Math.round((value * 60 * rate) / (PPQN * tempo)) as Samples;
}

export function samplesToTicks(value: Samples, tempo: Bpm, rate: SampleRate): Ticks {
  return Math.round((value * PPQN * tempo) / (60 * rate)) as Ticks;
}

export function secondsToSamples(value: Seconds, rate: SampleRate): Samples {
  return Math.round(value * rate) as Samples;
}

export function samplesToSeconds(value: Samples, rate: SampleRate): Seconds {
  return (value / rate) as Seconds;
}

/** 0 dB = gain 1; -Infinity dB = gain 0. */
export function dbToGain(value: Db): Gain {
  return (value === -Infinity ? 0 : 10 ** (value / 20)) as Gain;
}

export function gainToDb(value: Gain): Db {
  return (value <= 0 ? -Infinity : 20 * Math.log10(value)) as Db;
}
