/** Bars, beats and ticks: how musicians read a position. Bars and beats count from 1. */
import { PPQN, type Ticks } from './units.ts';

export interface TimeSignature {
  numerator: number;
  denominator: number;
}

export interface BarsBeats {
  bar: number;
  beat: number;
  tick: number;
}

/** Ticks in one beat, where a beat is one 1/denominator note. */
export function ticksPerBeat(signature: TimeSignature): number {
  return (PPQN * 4) / signature.denominator;
}

export function ticksPerBar(signature: TimeSignature): number {
  return ticksPerBeat(signature) * signature.numerator;
}

export function toBarsBeats(position: Ticks, signature: TimeSignature): BarsBeats {
  const perBeat = ticksPerBeat(signature);
  const perBar = perBeat * signature.numerator;
  const bar = Math.floor(position / perBar);
  const inBar = position - bar * perBar;
  const beat = Math.floor(inBar / perBeat);
  return { bar: bar + 1, beat: beat + 1, tick: Math.round(inBar - beat * perBeat) };
}

export function fromBarsBeats(position: BarsBeats, signature: TimeSignature): Ticks {
  const perBeat = ticksPerBeat(signature);
  return Math.round(
    (position.bar - 1) * perBeat * signature.numerator +
      (position.beat - 1) * perBeat +
      position.tick,
  ) as Ticks;
}

/** "bar.beat" when on a beat, otherwise "bar.beat.tick", e.g. "3.2" or "3.2.480". */
export function formatBarsBeats(position: Ticks, signature: TimeSignature): string {
  const { bar, beat, tick } = toBarsBeats(position, signature);
  return tick === 0 ? `${bar}.${beat}` : `${bar}.${beat}.${tick}`;
}

/** Parses "bar", "bar.beat" or "bar.beat.tick"; returns null for anything else. */
export function parseBarsBeats(text: string, signature: TimeSignature): Ticks | null {
  const match = /^\s*(\d+)(?:\.(\d+)(?:\.(\d+))?)?\s*$/.exec(text);
  if (match === null) {
    return null;
  }
  const bar = Number(match[1]);
  const beat = match[2] === undefined ? 1 : Number(match[2]);
  const tick = match[3] === undefined ? 0 : Number(match[3]);
  if (bar < 1 || beat < 1 || beat > signature.numerator || tick >= ticksPerBeat(signature)) {
    return null;
  }
  return fromBarsBeats({ bar, beat, tick }, signature);
}
