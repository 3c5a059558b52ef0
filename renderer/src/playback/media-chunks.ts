/**
 * Stored audio for playback, a chunk at a time: the studio format is a WAV of 48 kHz stereo
 * float32 with no chunks after its samples, so any frame range is one byte range of the file
 * (HTTP Range, or studio-media:// in the desktop app). Chunks become AudioBuffers directly,
 * sample for sample, without decoding; only what plays soon is held in memory.
 */
import { StudioError } from '../../../app/errors.ts';
import type { MediaHash } from '../../../app/model/ids.ts';

/** Frames per chunk: about 5.5 s, 2 MB of stereo float. */
export const CHUNK_FRAMES = 1 << 18;
const BYTES_PER_FRAME = 8;
const HEADER_BYTES = 4096;

export interface MediaLayout {
  /** Byte offset of the first sample. */
  dataOffset: number;
  frames: number;
}

/** Where the samples start and how many frames there are, from a studio WAV's first bytes. */
export function parseStudioWav(header: DataView, totalBytes: number): MediaLayout {
  const tag = (at: number) =>
    String.fromCharCode(
      header.getUint8(at),
      header.getUint8(at + 1),
      header.getUint8(at + 2),
      header.getUint8(at + 3),
    );
  const riff = tag(0);
  if ((riff !== 'RIFF' && riff !== 'RF64') || tag(8) !== 'WAVE') {
    throw new StudioError('UNSUPPORTED_FORMAT', 'The stored audio is not a WAV file.');
  }
  let at = 12;
  let float32Stereo = false;
  while (at + 8 <= header.byteLength) {
    const id = tag(at);
    const size = header.getUint32(at + 4, true);
    if (id === 'fmt ') {
      const format = header.getUint16(at + 8, true);
      const channels = header.getUint16(at + 10, true);
      const rate = header.getUint32(at + 12, true);
      const bits = header.getUint16(at + 22, true);
      const extensibleFloat = format === 0xfffe && header.getUint16(at + 32, true) === 3;
      float32Stereo =
        (format === 3 || extensibleFloat) && channels === 2 && bits === 32 && rate === 48_000;
    }
    if (id === 'data') {
      if (!float32Stereo) {
        throw new StudioError(
          'UNSUPPORTED_FORMAT',
          'The stored audio is not in the studio format.',
        );
      }
      const dataOffset = at + 8;
      return { dataOffset, frames: Math.floor((totalBytes - dataOffset) / BYTES_PER_FRAME) };
    }
    at += 8 + size + (size % 2);
  }
  throw new StudioError(
    'UNSUPPORTED_FORMAT',
    'The stored audio has no samples chunk where expected.',
  );
}

/** Interleaved little-endian float32 stereo bytes into two channels. */
export function deinterleave(bytes: ArrayBuffer): [Float32Array, Float32Array] {
  const view = new DataView(bytes);
  const frames = Math.floor(bytes.byteLength / BYTES_PER_FRAME);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let i = 0; i < frames; i += 1) {
    left[i] = view.getFloat32(i * 8, true);
    right[i] = view.getFloat32(i * 8 + 4, true);
  }
  return [left, right];
}

export type RangeFetch = (
  url: string,
  from: number,
  to: number,
) => Promise<{ bytes: ArrayBuffer; total: number }>;

/** fetch() with a Range header; the total size comes from Content-Range. */
export const fetchRange: RangeFetch = async (url, from, to) => {
  const response = await fetch(url, { headers: { range: `bytes=${from}-${to - 1}` } });
  if (!response.ok) {
    throw new StudioError(
      response.status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE',
      `The audio could not be read (${response.status}).`,
    );
  }
  const bytes = await response.arrayBuffer();
  const range = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
  const total = range === null ? from + bytes.byteLength : Number(range[1]);
  return { bytes, total };
};

export interface ChunkSource {
  layout: (hash: MediaHash) => Promise<MediaLayout>;
  /** Chunk `index` of a media item as planar stereo (the last chunk is shorter). */
  chunk: (hash: MediaHash, index: number) => Promise<[Float32Array, Float32Array]>;
}

/** Reads chunks by URL and keeps the most recent `keep` of them. */
export function mediaChunks(
  url: (hash: MediaHash) => string,
  read: RangeFetch = fetchRange,
  keep = 96,
): ChunkSource {
  const layouts = new Map<MediaHash, Promise<MediaLayout>>();
  const chunks = new Map<string, Promise<[Float32Array, Float32Array]>>();
  const layout = (hash: MediaHash) => {
    let pending = layouts.get(hash);
    if (pending === undefined) {
      pending = read(url(hash), 0, HEADER_BYTES).then(({ bytes, total }) =>
        parseStudioWav(new DataView(bytes), total),
      );
      pending.catch(() => layouts.delete(hash));
      layouts.set(hash, pending);
    }
    return pending;
  };
  return {
    layout,
    chunk: (hash, index) => {
      const key = `${hash}:${index}`;
      const cached = chunks.get(key);
      if (cached !== undefined) {
        chunks.delete(key);
        chunks.set(key, cached); // most recently used last
        return cached;
      }
      const pending = layout(hash).then(async ({ dataOffset, frames }) => {
        const first = index * CHUNK_FRAMES;
        const last = Math.min(frames, first + CHUNK_FRAMES);
        if (last <= first) {
          return [new Float32Array(0), new Float32Array(0)] as [Float32Array, Float32Array];
        }
        const { bytes } = await read(
          url(hash),
          dataOffset + first * BYTES_PER_FRAME,
          dataOffset + last * BYTES_PER_FRAME,
        );
        return deinterleave(bytes);
      });
      pending.catch(() => chunks.delete(key));
      chunks.set(key, pending);
      for (const old of chunks.keys()) {
        if (chunks.size <= keep) {
          break;
        }
        chunks.delete(old);
      }
      return pending;
    },
  };
}
