/**
 * A tempo-map MIDI file (Standard MIDI File, format 1, one conductor track): track name, tempo,
 * time signature, key signature and section markers. DAWs import it to set their tempo and
 * grid to the song's. Positions are ticks at PPQN 960, relative to the export's start.
 */
import { PPQN } from '../../../../app/timeline/units.ts';

export interface TempoChange {
  tick: number;
  bpm: number;
}

export interface MeterChange {
  tick: number;
  numerator: number;
  /** 1, 2, 4, 8, 16… */
  denominator: number;
}

export interface KeySignature {
  tonic: string;
  mode: 'major' | 'minor';
}

export interface TimelineMarker {
  tick: number;
  name: string;
}

export interface TempoMapInput {
  name: string;
  tempos: readonly TempoChange[];
  meters: readonly MeterChange[];
  key: KeySignature | null;
  markers: readonly TimelineMarker[];
  /** Where the track ends (the export's length), in ticks. */
  endTick: number;
}

const PITCH_CLASS: Record<string, number> = {
  C: 0, 'C#': 1, Db: 1, D: 2, 'D#': 3, Eb: 3, E: 4, F: 5, 'F#': 6, Gb: 6, G: 7, 'G#': 8, Ab: 8,
  A: 9, 'A#': 10, Bb: 10, B: 11,
}; // prettier-ignore

/**
 * Sharps (positive) or flats (negative) of a key, −7..7, for the MIDI key signature. A sharp
 * tonic is spelled with sharps and a flat one with flats (A# minor: 7 sharps; Eb minor: 6 flats).
 */
export function keySignatureAccidentals(key: KeySignature): number {
  const tonic = PITCH_CLASS[key.tonic];
  if (tonic === undefined) {
    throw new RangeError(`Unknown tonic ${key.tonic}`);
  }
  const major = key.mode === 'major' ? tonic : (tonic + 3) % 12;
  const sharps = (major * 7) % 12; // position on the circle of fifths, 0..11
  const flats = sharps - 12;
  if (key.tonic.endsWith('#')) {
    return sharps <= 7 ? sharps : flats;
  }
  if (key.tonic.endsWith('b')) {
    return flats >= -7 ? flats : sharps;
  }
  return Math.abs(flats) < sharps ? flats : sharps;
}

/** Variable-length quantity: 7 bits per byte, most significant first. */
export function variableLength(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0x0fffffff) {
    throw new RangeError(`Not a MIDI variable-length value: ${value}`);
  }
  const bytes = [value & 0x7f];
  for (let rest = value >>> 7; rest > 0; rest >>>= 7) {
    bytes.unshift((rest & 0x7f) | 0x80);
  }
  return bytes;
}

interface MetaEvent {
  tick: number;
  /** Sort order among events at the same tick: meter and tempo before markers. */
  order: number;
  type: number;
  data: number[];
}

const text = (value: string): number[] => [...Buffer.from(value, 'utf8')];

function metaEvents(input: TempoMapInput): MetaEvent[] {
  const events: MetaEvent[] = [{ tick: 0, order: 0, type: 0x03, data: text(input.name) }];
  for (const meter of input.meters) {
    const power = Math.log2(meter.denominator);
    if (!Number.isInteger(power)) {
      throw new RangeError(
        `A time signature denominator must be a power of two: ${meter.denominator}`,
      );
    }
    // Metronome click every beat (24 MIDI clocks per quarter), eight 32nds per quarter.
    const clocks = Math.round(96 / meter.denominator);
    events.push({
      tick: meter.tick,
      order: 1,
      type: 0x58,
      data: [meter.numerator, power, clocks, 8],
    });
  }
  if (input.key !== null) {
    const accidentals = keySignatureAccidentals(input.key);
    const mode = input.key.mode === 'minor' ? 1 : 0;
    events.push({ tick: 0, order: 2, type: 0x59, data: [accidentals & 0xff, mode] });
  }
  for (const tempo of input.tempos) {
    const micros = Math.round(60_000_000 / tempo.bpm);
    events.push({
      tick: tempo.tick,
      order: 3,
      type: 0x51,
      data: [(micros >> 16) & 0xff, (micros >> 8) & 0xff, micros & 0xff],
    });
  }
  for (const marker of input.markers) {
    events.push({ tick: marker.tick, order: 4, type: 0x06, data: text(marker.name) });
  }
  return events.sort((a, b) => a.tick - b.tick || a.order - b.order);
}

function chunk(id: string, body: number[]): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'ascii');
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, Buffer.from(body)]);
}

/** The bytes of a .mid file holding the tempo map. */
export function writeTempoMapMidi(input: TempoMapInput): Uint8Array {
  const track: number[] = [];
  let last = 0;
  for (const event of metaEvents(input)) {
    const tick = Math.max(0, Math.round(event.tick));
    track.push(...variableLength(tick - last), 0xff, event.type);
    track.push(...variableLength(event.data.length), ...event.data);
    last = tick;
  }
  const end = Math.max(last, Math.round(input.endTick));
  track.push(...variableLength(end - last), 0xff, 0x2f, 0x00);
  // Format 1, one track, PPQN ticks per quarter note.
  const header = [0, 1, 0, 1, (PPQN >> 8) & 0xff, PPQN & 0xff];
  return Buffer.concat([chunk('MThd', header), chunk('MTrk', track)]);
}
