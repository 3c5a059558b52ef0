import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeTempDir, removeDir } from '../../../../tests/helpers/temp-dir.ts';
import {
  ACID_BYTES,
  acidChunk,
  BEXT_FIXED_BYTES,
  BEXT_LOUDNESS_UNKNOWN,
  bextChunk,
  serializeRiffChunk,
  tonicMidiNote,
} from './wav-chunks.ts';

const ascii = (bytes: Uint8Array, from: number, length: number) =>
  Buffer.from(bytes.subarray(from, from + length))
    .toString('latin1')
    .replace(/\0+$/, '');

const bext = bextChunk({
  description: 'Drums stem of My Song',
  originator: 'Layerline',
  originatorReference: 'LL-0123',
  createdAt: new Date(Date.UTC(2025, 0, 9, 7, 5, 3)),
  timeReference: 5_000_000_123,
  loudness: { integratedLufs: -14.25 },
  codingHistory: ['A=PCM,F=48000,W=24,M=stereo,T=Layerline'],
});

describe('bext chunk (EBU Tech 3285 v2 layout)', () => {
  const data = bext.data;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);

  it('puts each text field at its offset, NUL-padded', () => {
    expect(bext.id).toBe('bext');
    expect(ascii(data, 0, 256)).toBe('Drums stem of My Song');
    expect(ascii(data, 256, 32)).toBe('Layerline');
    expect(ascii(data, 288, 32)).toBe('LL-0123');
    expect(ascii(data, 320, 10)).toBe('2025-01-09');
    expect(ascii(data, 330, 8)).toBe('07-05-03');
  });

  it('stores the 64-bit time reference as low and high 32-bit words', () => {
    expect(view.getUint32(338, true)).toBe(5_000_000_123 % 2 ** 32);
    expect(view.getUint32(342, true)).toBe(Math.floor(5_000_000_123 / 2 ** 32));
  });

  it('is version 2 with loudness in 1/100 LU and unknown fields marked 0x7FFF', () => {
    expect(view.getUint16(346, true)).toBe(2);
    expect(data.subarray(348, 412).every((b) => b === 0)).toBe(true); // no UMID
    expect(view.getInt16(412, true)).toBe(-1425);
    for (const offset of [414, 416, 418, 420]) {
      expect(view.getInt16(offset, true)).toBe(BEXT_LOUDNESS_UNKNOWN);
    }
    expect(data.subarray(422, 602).every((b) => b === 0)).toBe(true); // reserved
  });

  it('ends with the coding history, CR/LF terminated', () => {
    expect(ascii(data, BEXT_FIXED_BYTES, data.length - BEXT_FIXED_BYTES)).toBe(
      'A=PCM,F=48000,W=24,M=stereo,T=Layerline\r\n',
    );
  });

  it('refuses a time reference that is not a whole sample count', () => {
    expect(() => bextChunk({ ...baseBext(), timeReference: 1.5 })).toThrow(RangeError);
    expect(() => bextChunk({ ...baseBext(), timeReference: -1 })).toThrow(RangeError);
  });
});

function baseBext() {
  return {
    description: '',
    originator: '',
    originatorReference: '',
    createdAt: new Date(0),
    timeReference: 0,
    codingHistory: [],
  };
}

describe('acid chunk', () => {
  it('holds flags, root note, beats, metre and tempo in 24 bytes', () => {
    const chunk = acidChunk({
      tempo: 92.5,
      beats: 64,
      meter: { numerator: 6, denominator: 8 },
      rootNote: tonicMidiNote('A'),
    });
    const view = new DataView(chunk.data.buffer);
    expect(chunk.id).toBe('acid');
    expect(chunk.data.length).toBe(ACID_BYTES);
    expect(view.getUint32(0, true)).toBe(0x02 | 0x04); // root note set, stretch
    expect(view.getUint16(4, true)).toBe(69);
    expect(view.getUint32(12, true)).toBe(64);
    expect(view.getUint16(16, true)).toBe(8);
    expect(view.getUint16(18, true)).toBe(6);
    expect(view.getFloat32(20, true)).toBe(92.5);
  });

  it('clears the root-note flag when the key is unknown', () => {
    const chunk = acidChunk({
      tempo: 120,
      beats: 4,
      meter: { numerator: 4, denominator: 4 },
      rootNote: null,
    });
    expect(new DataView(chunk.data.buffer).getUint32(0, true)).toBe(0x04);
  });
});

describe('serializeRiffChunk', () => {
  it('writes id, little-endian size and a pad byte for odd sizes', () => {
    const bytes = serializeRiffChunk({ id: 'test', data: new Uint8Array([1, 2, 3]) });
    expect([...bytes]).toEqual([0x74, 0x65, 0x73, 0x74, 3, 0, 0, 0, 1, 2, 3, 0]);
    expect(() => serializeRiffChunk({ id: 'toolong', data: new Uint8Array() })).toThrow(RangeError);
  });
});

describe('a WAV with these chunks, read by ffprobe', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('layerline-chunks-');
  });
  afterAll(async () => {
    await removeDir(dir);
  });

  it('shows the bext description and time reference', async () => {
    // A hand-made 16-bit stereo 48 kHz WAV with 10 silent frames, bext before data.
    const fmt = Buffer.alloc(16);
    fmt.writeUInt16LE(1, 0);
    fmt.writeUInt16LE(2, 2);
    fmt.writeUInt32LE(48_000, 4);
    fmt.writeUInt32LE(48_000 * 4, 8);
    fmt.writeUInt16LE(4, 12);
    fmt.writeUInt16LE(16, 14);
    const chunks = Buffer.concat([
      serializeRiffChunk({ id: 'fmt ', data: fmt }),
      serializeRiffChunk(bext),
      serializeRiffChunk(
        acidChunk({ tempo: 120, beats: 1, meter: { numerator: 4, denominator: 4 }, rootNote: 60 }),
      ),
      serializeRiffChunk({ id: 'data', data: new Uint8Array(40) }),
    ]);
    const header = Buffer.alloc(12);
    header.write('RIFF', 0, 'ascii');
    header.writeUInt32LE(4 + chunks.length, 4);
    header.write('WAVE', 8, 'ascii');
    const file = join(dir, 'chunks.wav');
    await writeFile(file, Buffer.concat([header, chunks]));
    const probe = spawnSync(
      'ffprobe',
      [
        '-v',
        'error',
        '-show_entries',
        'format_tags:stream=sample_rate,channels',
        '-of',
        'json',
        file,
      ],
      { encoding: 'utf8' },
    );
    expect(probe.error, 'ffprobe must be installed (Debian: ffmpeg)').toBeUndefined();
    const json = JSON.parse(probe.stdout) as {
      format: { tags: Record<string, string> };
      streams: { sample_rate: string; channels: number }[];
    };
    expect(json.streams[0]).toMatchObject({ sample_rate: '48000', channels: 2 });
    // ffprobe's names for the bext fields.
    expect(json.format.tags).toMatchObject({
      comment: 'Drums stem of My Song',
      encoded_by: 'Layerline',
      originator_reference: 'LL-0123',
      date: '2025-01-09',
      creation_time: '07-05-03',
      time_reference: '5000000123',
      coding_history: 'A=PCM,F=48000,W=24,M=stereo,T=Layerline\r\n',
    });
  });
});
