/**
 * Extra RIFF chunks for exported WAV files, as pure functions producing chunk bytes:
 * - `bext` (EBU Tech 3285, Broadcast Wave, version 2): description, originator, date, the
 *   TimeReference that lets a DAW spot the file to its place, loudness, coding history;
 * - `acid` (Sony ACID): tempo, metre, beat count and root note, which DAWs read to set the
 *   file's tempo.
 * All multi-byte fields are little-endian, text is ASCII padded with NULs.
 */

export interface RiffChunk {
  /** Four ASCII characters, e.g. "bext". */
  id: string;
  data: Uint8Array;
}

/** Size of the bext fields before CodingHistory. */
export const BEXT_FIXED_BYTES = 602;
export const ACID_BYTES = 24;
/** The bext value for a loudness field that was not measured. */
export const BEXT_LOUDNESS_UNKNOWN = 0x7fff;

export interface BextLoudness {
  /** Integrated loudness, LUFS. */
  integratedLufs?: number;
  /** Loudness range, LU. */
  rangeLu?: number;
  /** Maximum true peak, dBTP. */
  maxTruePeakDb?: number;
  maxMomentaryLufs?: number;
  maxShortTermLufs?: number;
}

export interface BextInput {
  description: string;
  originator: string;
  originatorReference: string;
  /** Creation time; written as local "yyyy-mm-dd" and "hh-mm-ss" (UTC here, for reproducibility). */
  createdAt: Date;
  /** The first sample's position, in samples at the file's rate (BWF's "sample count since midnight"). */
  timeReference: number;
  loudness?: BextLoudness;
  /** One line per process, e.g. "A=PCM,F=48000,W=24,M=stereo,T=Layerline". */
  codingHistory: readonly string[];
}

/** ASCII text in a fixed field: non-ASCII becomes "?", the rest is NUL-padded. */
function writeAscii(bytes: Uint8Array, offset: number, length: number, text: string): void {
  const ascii = text.replace(/[^\r\n\u0020-\u007e]/g, '?').slice(0, length);
  for (let i = 0; i < ascii.length; i += 1) {
    bytes[offset + i] = ascii.charCodeAt(i);
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A loudness value in 1/100 units as a signed 16-bit field, or "unknown". */
function loudnessField(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) {
    return BEXT_LOUDNESS_UNKNOWN;
  }
  return Math.max(-32768, Math.min(32766, Math.round(value * 100)));
}

export function bextChunk(input: BextInput): RiffChunk {
  if (!Number.isSafeInteger(input.timeReference) || input.timeReference < 0) {
    throw new RangeError(`A time reference is a whole number of samples: ${input.timeReference}`);
  }
  const history = input.codingHistory.map((line) => `${line}\r\n`).join('');
  const data = new Uint8Array(BEXT_FIXED_BYTES + history.length);
  const view = new DataView(data.buffer);
  const at = input.createdAt;
  writeAscii(data, 0, 256, input.description);
  writeAscii(data, 256, 32, input.originator);
  writeAscii(data, 288, 32, input.originatorReference);
  writeAscii(
    data,
    320,
    10,
    `${at.getUTCFullYear()}-${pad2(at.getUTCMonth() + 1)}-${pad2(at.getUTCDate())}`,
  );
  writeAscii(
    data,
    330,
    8,
    `${pad2(at.getUTCHours())}-${pad2(at.getUTCMinutes())}-${pad2(at.getUTCSeconds())}`,
  );
  view.setBigUint64(338, BigInt(input.timeReference), true);
  view.setUint16(346, 2, true); // version 2: with loudness fields
  // 348..411: UMID, left zero (none).
  const loudness = input.loudness ?? {};
  const fields = [
    loudness.integratedLufs,
    loudness.rangeLu,
    loudness.maxTruePeakDb,
    loudness.maxMomentaryLufs,
    loudness.maxShortTermLufs,
  ];
  fields.forEach((value, i) => {
    view.setInt16(412 + 2 * i, loudnessField(value), true);
  });
  // 422..601: reserved, zero.
  writeAscii(data, BEXT_FIXED_BYTES, history.length, history);
  return { id: 'bext', data };
}

export interface AcidInput {
  tempo: number;
  /** Beats in the file, at `tempo`. */
  beats: number;
  meter: { numerator: number; denominator: number };
  /** MIDI note of the key's tonic, or null when the key is unknown. */
  rootNote: number | null;
}

const ACID_ROOT_NOTE_SET = 0x02;
const ACID_STRETCH = 0x04;

export function acidChunk(input: AcidInput): RiffChunk {
  const data = new Uint8Array(ACID_BYTES);
  const view = new DataView(data.buffer);
  const flags = ACID_STRETCH | (input.rootNote === null ? 0 : ACID_ROOT_NOTE_SET);
  view.setUint32(0, flags, true);
  view.setUint16(4, input.rootNote ?? 0, true);
  view.setUint16(6, 0x8000, true); // unknown; what ACID itself writes
  view.setFloat32(8, 0, true); // unknown
  view.setUint32(12, Math.max(0, Math.round(input.beats)), true);
  view.setUint16(16, input.meter.denominator, true);
  view.setUint16(18, input.meter.numerator, true);
  view.setFloat32(20, input.tempo, true);
  return { id: 'acid', data };
}

const TONIC_PITCH: Record<string, number> = {
  C: 0, 'C#': 1, Db: 1, D: 2, 'D#': 3, Eb: 3, E: 4, F: 5, 'F#': 6, Gb: 6, G: 7, 'G#': 8, Ab: 8,
  A: 9, 'A#': 10, Bb: 10, B: 11,
}; // prettier-ignore

/** The MIDI note (C4 = 60 … B4 = 71) of a tonic, for the ACID root note. */
export function tonicMidiNote(tonic: string): number {
  const pitch = TONIC_PITCH[tonic];
  if (pitch === undefined) {
    throw new RangeError(`Unknown tonic ${tonic}`);
  }
  return 60 + pitch;
}

/** A chunk as it sits in a RIFF file: id, little-endian size, data, pad byte to even length. */
export function serializeRiffChunk(chunk: RiffChunk): Uint8Array {
  if (!/^[\u0020-\u007e]{4}$/.test(chunk.id)) {
    throw new RangeError(`A RIFF chunk id is four ASCII characters: ${chunk.id}`);
  }
  const padded = chunk.data.length + (chunk.data.length % 2);
  const bytes = new Uint8Array(8 + padded);
  writeAscii(bytes, 0, 4, chunk.id);
  new DataView(bytes.buffer).setUint32(4, chunk.data.length, true);
  bytes.set(chunk.data, 8);
  return bytes;
}
