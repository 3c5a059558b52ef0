/**
 * Where the samples of an uncompressed file are and how they are encoded, as read from a WAV,
 * RF64/BW64 or AIFF/AIFF-C header. Parsers only read what they need through FileBytes and check
 * every size against the real file: hostile headers give a typed error, never a huge read.
 */
import { StudioError } from '../../../../app/errors.ts';
import type { Speaker } from '../channel-layout.ts';
import { bytesPerSample, type PcmEncoding } from '../pcm-format.ts';
import type { FileBytes } from './file-bytes.ts';

export interface PcmLayout {
  container: 'WAV' | 'RF64' | 'AIFF' | 'AIFF-C';
  encoding: PcmEncoding;
  channels: number;
  sampleRate: number;
  /** Speaker of each channel when the header says (WAVE_FORMAT_EXTENSIBLE's mask). */
  speakers: Speaker[] | null;
  /** Byte offset of the first frame. */
  dataOffset: number;
  /** Whole frames present in the file (a declared length beyond the file is cut to it). */
  frames: number;
  /** True when the header declared more audio than the file holds. */
  truncated: boolean;
}

/** Channel and rate limits: beyond them a header is nonsense, not audio. */
export const MAX_CHANNELS = 64;
export const MIN_SAMPLE_RATE = 1000;
export const MAX_SAMPLE_RATE = 768_000;
const MAX_CHUNKS = 4096;

export const damaged = (container: string, what: string): StudioError =>
  new StudioError('VALIDATION_FAILED', `This ${container} file is damaged: ${what}.`, {
    container,
  });

export const unsupportedEncoding = (container: string, what: string): StudioError =>
  new StudioError(
    'UNSUPPORTED_FORMAT',
    `This ${container} file uses ${what}, which Layerline cannot import. Convert it to 16/24-bit or float PCM.`,
    { format: `${container} ${what}` },
  );

/** Checks channel count and rate, and works out the frames the file really holds. */
export function finishLayout(
  file: FileBytes,
  base: Omit<PcmLayout, 'frames' | 'truncated'>,
  declaredBytes: number,
): PcmLayout {
  const { container, channels, sampleRate } = base;
  if (!Number.isInteger(channels) || channels < 1) {
    throw damaged(container, 'it declares no audio channels');
  }
  if (channels > MAX_CHANNELS) {
    throw unsupportedEncoding(container, `${channels} channels`);
  }
  if (
    !Number.isFinite(sampleRate) ||
    sampleRate < MIN_SAMPLE_RATE ||
    sampleRate > MAX_SAMPLE_RATE
  ) {
    throw unsupportedEncoding(container, `a sample rate of ${String(sampleRate)} Hz`);
  }
  const frameBytes = bytesPerSample(base.encoding) * channels;
  const available = Math.max(0, file.size - base.dataOffset);
  const bytes = Math.min(declaredBytes, available);
  return {
    ...base,
    // AIFF rates are extended floats (22254.545…); the resampler takes whole hertz.
    sampleRate: Math.round(sampleRate),
    frames: Math.floor(bytes / frameBytes),
    truncated: declaredBytes > available,
  };
}

const fourcc = (bytes: Uint8Array, at: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + 4));

interface Chunk {
  id: string;
  /** Offset of the chunk body. */
  body: number;
  size: number;
}

/** Walks RIFF-style chunks from `start`; stops after `stopAt` or at the end of the file. */
export async function* walkChunks(
  file: FileBytes,
  start: number,
  littleEndian: boolean,
  container: string,
): AsyncGenerator<Chunk> {
  let at = start;
  for (let n = 0; n < MAX_CHUNKS && at + 8 <= file.size; n += 1) {
    const header = await file.read(at, 8);
    const view = new DataView(header.buffer, header.byteOffset, 8);
    const size = view.getUint32(4, littleEndian);
    yield { id: fourcc(header, 0), body: at + 8, size };
    at += 8 + size + (size % 2);
  }
  if (at + 8 <= file.size) {
    throw damaged(container, 'it has too many chunks');
  }
}

/** Reads a chunk body of at most `max` bytes; damaged when it is shorter than `min`. */
export async function readChunkBody(
  file: FileBytes,
  chunk: Chunk,
  min: number,
  max: number,
  container: string,
): Promise<DataView> {
  if (chunk.size < min) {
    throw damaged(container, `its ${chunk.id.trim()} chunk is too short`);
  }
  const bytes = await file.read(chunk.body, Math.min(chunk.size, max));
  if (bytes.length < min) {
    throw damaged(container, `it ends inside its ${chunk.id.trim()} chunk`);
  }
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
