/** Mixer readouts (dB, pan) and clip lengths, as musicians read them. */
import {
  ticksPerBar,
  ticksPerBeat,
  type TimeSignature,
} from '../../../../app/timeline/musical-time.ts';
import type { Ticks } from '../../../../app/timeline/units.ts';
import { tr } from '../../i18n/active.ts';

/** Slider range for track gain; the model allows down to -96 dB, the slider stops at -60. */
export const GAIN_MIN_DB = -60;
export const GAIN_MAX_DB = 12;

/** "+3.0 dB", "0.0 dB", "-12.5 dB"; "-inf dB" at the slider's floor. */
export function formatGain(valueDb: number): string {
  if (valueDb <= GAIN_MIN_DB) {
    return '-inf dB';
  }
  const rounded = Math.round(valueDb * 10) / 10;
  const text = Math.abs(rounded).toFixed(1);
  return rounded > 0 ? `+${text} dB` : rounded < 0 ? `-${text} dB` : `${text} dB`;
}

/** "C" at the centre, else the side and percentage: "L 35", "R 100". */
export function formatPan(pan: number): string {
  const amount = Math.round(Math.abs(pan) * 100);
  if (amount === 0) {
    return 'C';
  }
  return `${pan < 0 ? 'L' : 'R'} ${amount}`;
}

/** A duration in bars, beats and ticks: "2 bars", "1 bar 2 beats", "3 beats 240 ticks". */
export function formatLength(length: Ticks, signature: TimeSignature): string {
  const perBar = ticksPerBar(signature);
  const perBeat = ticksPerBeat(signature);
  const bars = Math.floor(length / perBar);
  const beats = Math.floor((length - bars * perBar) / perBeat);
  const ticks = Math.round(length - bars * perBar - beats * perBeat);
  const parts = [
    bars > 0 ? tr('length.bars', { count: bars }) : '',
    beats > 0 ? tr('length.beats', { count: beats }) : '',
    ticks > 0 ? tr('length.ticks', { count: ticks }) : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? tr('length.beats', { count: 0 }) : parts.join(tr('length.separator'));
}
