import { type MidiEvent, parseMidi } from 'midi-file';
import { describe, expect, it } from 'vitest';

import { keySignatureAccidentals, variableLength, writeTempoMapMidi } from './midi-tempo-map.ts';

/** Events with absolute ticks, as a DAW reads them. */
function absolute(events: MidiEvent[]): (MidiEvent & { tick: number })[] {
  let tick = 0;
  return events.map((event) => {
    tick += event.deltaTime;
    return { ...event, tick };
  });
}

describe('writeTempoMapMidi (read back with midi-file)', () => {
  const bytes = writeTempoMapMidi({
    name: 'My Song',
    tempos: [
      { tick: 0, bpm: 120 },
      { tick: 16 * 960, bpm: 90 },
    ],
    meters: [{ tick: 0, numerator: 6, denominator: 8 }],
    key: { tonic: 'A', mode: 'minor' },
    markers: [
      { tick: 0, name: 'Intro' },
      { tick: 8 * 960, name: 'Verse' },
    ],
    endTick: 32 * 960,
  });
  const midi = parseMidi(bytes);
  const track = absolute(midi.tracks[0] ?? []);

  it('is format 1 with one conductor track at 960 ticks per quarter', () => {
    expect(midi.header).toMatchObject({ format: 1, numTracks: 1, ticksPerBeat: 960 });
    expect(midi.tracks).toHaveLength(1);
  });

  it('holds the tempo changes', () => {
    const tempos = track.filter((e) => e.type === 'setTempo');
    expect(tempos.map((e) => [e.tick, e.microsecondsPerBeat])).toEqual([
      [0, 500_000],
      [16 * 960, 666_667],
    ]);
  });

  it('holds the time and key signatures', () => {
    const meter = track.find((e) => e.type === 'timeSignature');
    expect(meter).toMatchObject({ tick: 0, numerator: 6, denominator: 8 });
    const key = track.find((e) => e.type === 'keySignature');
    expect(key).toMatchObject({ tick: 0, key: 0, scale: 1 });
  });

  it('holds the track name and section markers, and ends at the export length', () => {
    expect(track.find((e) => e.type === 'trackName')).toMatchObject({ text: 'My Song' });
    const markers = track.filter((e) => e.type === 'marker');
    expect(markers.map((e) => [e.tick, e.text])).toEqual([
      [0, 'Intro'],
      [8 * 960, 'Verse'],
    ]);
    expect(track.at(-1)).toMatchObject({ type: 'endOfTrack', tick: 32 * 960 });
  });

  it('leaves the key out when the song has none', () => {
    const plain = parseMidi(
      writeTempoMapMidi({
        name: 'x',
        tempos: [{ tick: 0, bpm: 100 }],
        meters: [{ tick: 0, numerator: 4, denominator: 4 }],
        key: null,
        markers: [],
        endTick: 0,
      }),
    );
    expect(plain.tracks[0]?.some((e) => e.type === 'keySignature')).toBe(false);
  });
});

describe('keySignatureAccidentals', () => {
  it('counts sharps and flats around the circle of fifths', () => {
    const cases: [string, 'major' | 'minor', number][] = [
      ['C', 'major', 0],
      ['G', 'major', 1],
      ['B', 'major', 5],
      ['F#', 'major', 6],
      ['Gb', 'major', -6],
      ['C#', 'major', 7],
      ['Db', 'major', -5],
      ['F', 'major', -1],
      ['Eb', 'major', -3],
      ['A', 'minor', 0],
      ['E', 'minor', 1],
      ['F', 'minor', -4],
      ['C#', 'minor', 4],
      ['A#', 'minor', 7],
      ['Eb', 'minor', -6],
      ['Ab', 'minor', -7],
      ['G#', 'minor', 5],
      ['D#', 'major', 9 - 12],
    ];
    for (const [tonic, mode, expected] of cases) {
      expect(keySignatureAccidentals({ tonic, mode }), `${tonic} ${mode}`).toBe(expected);
    }
  });
});

describe('variableLength', () => {
  it('encodes the SMF examples', () => {
    expect(variableLength(0)).toEqual([0x00]);
    expect(variableLength(0x40)).toEqual([0x40]);
    expect(variableLength(0x80)).toEqual([0x81, 0x00]);
    expect(variableLength(0x2000)).toEqual([0xc0, 0x00]);
    expect(variableLength(0x0fffffff)).toEqual([0xff, 0xff, 0xff, 0x7f]);
    expect(() => variableLength(-1)).toThrow(RangeError);
  });
});
