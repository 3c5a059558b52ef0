/**
 * The click: a short high blip on the first beat of each bar and a lower one on the others,
 * on the transport's beats (a beat is one 1/denominator note). Also the count-in bar.
 */
import * as Tone from 'tone';

import type { TimeSignature } from '../../../app/timeline/musical-time.ts';
import { ticksPerBar, ticksPerBeat } from '../../../app/timeline/musical-time.ts';
import { ticksToSeconds } from '../../../app/timeline/tempo.ts';
import { type Bpm, ticks } from '../../../app/timeline/units.ts';

const ACCENT_HZ = 1760;
const BEAT_HZ = 1175;

export class Metronome {
  readonly #synth: Tone.Synth;
  #event: number | null = null;
  #beatTicks = 960;
  #beatsPerBar = 4;

  constructor(context: Tone.BaseContext) {
    this.#synth = new Tone.Synth({
      context,
      oscillator: { type: 'triangle' },
      envelope: { attack: 0.001, decay: 0.04, sustain: 0, release: 0.01 },
      volume: -8,
    }).connect(context.destination);
  }

  setMeter(beatTicks: number, beatsPerBar: number): void {
    this.#beatTicks = beatTicks;
    this.#beatsPerBar = beatsPerBar;
  }

  setEnabled(on: boolean, transport: Tone.BaseContext['transport']): void {
    if (this.#event !== null) {
      transport.clear(this.#event);
      this.#event = null;
    }
    if (on) {
      // The transport's PPQ is the model's, so a beat is exactly `beatTicks` transport ticks.
      this.#event = transport.scheduleRepeat(
        (time) => {
          const beat = Math.round(transport.getTicksAtTime(time) / this.#beatTicks);
          this.#click(time, beat % this.#beatsPerBar === 0);
        },
        `${this.#beatTicks}i`,
        0,
      );
    }
  }

  /** Clicks one bar from `start`; returns when the bar ends (where playback begins). */
  countIn(start: number, tempo: Bpm, signature: TimeSignature): number {
    const beat = ticksToSeconds(ticks(ticksPerBeat(signature)), tempo);
    for (let i = 0; i < signature.numerator; i += 1) {
      this.#click(start + i * beat, i === 0);
    }
    return start + ticksToSeconds(ticks(ticksPerBar(signature)), tempo);
  }

  #click(time: number, accent: boolean): void {
    this.#synth.triggerAttackRelease(accent ? ACCENT_HZ : BEAT_HZ, 0.03, time);
  }

  dispose(): void {
    this.#synth.dispose();
  }
}
