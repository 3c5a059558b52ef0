import { describe, expect, it } from 'vitest';

import { parseRpp, rppChildren, rppValue } from '../../../../tests/helpers/rpp-parse.ts';
import {
  reaperNumber,
  reaperString,
  type ReaperTrack,
  writeReaperProject,
} from './reaper-project.ts';

const tracks: ReaperTrack[] = [
  {
    id: '0f0e0d0c-0b0a-4908-8706-050403020100',
    name: 'Lead "Vox"',
    file: '01_Lead_Vox_120bpm_Amin.wav',
    sourceType: 'WAVE',
    positionSeconds: 0,
    lengthSeconds: 12.345678,
    volume: 0.5,
    pan: -0.25,
    mute: true,
    solo: false,
  },
  {
    id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    name: 'Bass',
    file: '02_Bass_120bpm_Amin.flac',
    sourceType: 'FLAC',
    positionSeconds: 4,
    lengthSeconds: 8.5,
    volume: 1,
    pan: 1,
    mute: false,
    solo: true,
  },
];

describe('writeReaperProject (parsed back)', () => {
  const root = parseRpp(
    writeReaperProject({
      tempo: 92.5,
      meter: { numerator: 6, denominator: 8 },
      sampleRate: 48_000,
      markers: [{ seconds: 2.5, name: 'Verse 1' }],
      tracks,
      savedAt: 1_700_000_000,
    }),
  );

  it('is a REAPER_PROJECT with tempo, metre, rate and markers', () => {
    expect(root.tag).toBe('REAPER_PROJECT');
    expect(root.args[2]).toBe('1700000000');
    expect(rppValue(root, 'TEMPO')).toEqual(['92.5', '6', '8']);
    expect(rppValue(root, 'SAMPLERATE')[0]).toBe('48000');
    expect(rppValue(root, 'MARKER')).toEqual(['1', '2.5', 'Verse 1', '0']);
  });

  it('has one track per stem with name, volume, pan, mute and solo', () => {
    const parsed = rppChildren(root, 'TRACK');
    expect(parsed.map((t) => t.args[0])).toEqual([
      '{0F0E0D0C-0B0A-4908-8706-050403020100}',
      '{AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE}',
    ]);
    expect(parsed.map((t) => rppValue(t, 'NAME')[0])).toEqual(['Lead "Vox"', 'Bass']);
    expect(parsed.map((t) => rppValue(t, 'VOLPAN').slice(0, 2).map(Number))).toEqual([
      [0.5, -0.25],
      [1, 1],
    ]);
    expect(parsed.map((t) => rppValue(t, 'MUTESOLO').slice(0, 2))).toEqual([
      ['1', '0'],
      ['0', '2'],
    ]);
  });

  it('places each stem as one item at its position, with its file as the source', () => {
    const items = rppChildren(root, 'TRACK').map((t) => {
      const [item] = rppChildren(t, 'ITEM');
      const [source] = rppChildren(item!, 'SOURCE');
      return {
        position: Number(rppValue(item!, 'POSITION')[0]),
        length: Number(rppValue(item!, 'LENGTH')[0]),
        type: source!.args[0],
        file: rppValue(source!, 'FILE')[0],
      };
    });
    expect(items).toEqual([
      { position: 0, length: 12.345678, type: 'WAVE', file: tracks[0]!.file },
      { position: 4, length: 8.5, type: 'FLAC', file: tracks[1]!.file },
    ]);
  });
});

describe('REAPER values', () => {
  it('quotes strings with a quote character they lack', () => {
    expect(reaperString('plain')).toBe('plain');
    expect(reaperString('two words')).toBe('"two words"');
    expect(reaperString('')).toBe('""');
    expect(reaperString('say "hi"')).toBe(`'say "hi"'`);
    expect(reaperString(`it's "x"`)).toBe('`it\'s "x"`');
    expect(reaperString('a`b\'c"d')).toBe("`a'b'c\"d`");
  });

  it('writes plain decimals', () => {
    expect(reaperNumber(1e-7)).toBe('0.0000001');
    expect(reaperNumber(120)).toBe('120');
    expect(reaperNumber(-0)).toBe('0');
    expect(() => reaperNumber(Number.NaN)).toThrow(RangeError);
  });
});
