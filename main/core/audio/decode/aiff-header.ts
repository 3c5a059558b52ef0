/**
 * AIFF and AIFF-C headers (big-endian IFF): COMM gives channels, frames, sample size and an
 * 80-bit extended sample rate; SSND holds the frames after its offset field. AIFF-C's
 * compression types NONE/twos (big-endian), sowt (little-endian), raw (unsigned 8-bit) and
 * fl32/fl64 (big-endian float) are decoded.
 */
import type { PcmEncoding } from '../pcm-format.ts';
import type { FileBytes } from './file-bytes.ts';
import {
  damaged,
  finishLayout,
  type PcmLayout,
  readChunkBody,
  unsupportedEncoding,
  walkChunks,
} from './pcm-layout.ts';

/** IEEE 754 80-bit extended (as AIFF stores sample rates) to a number. */
export function readExtended(view: DataView, at: number): number {
  const exponentWord = view.getUint16(at, false);
  const sign = exponentWord & 0x8000 ? -1 : 1;
  const exponent = exponentWord & 0x7fff;
  const high = view.getUint32(at + 2, false);
  const low = view.getUint32(at + 6, false);
  if (exponent === 0 && high === 0 && low === 0) {
    return 0;
  }
  if (exponent === 0x7fff) {
    return Number.NaN;
  }
  const mantissa = high * 2 ** 32 + low;
  return sign * mantissa * 2 ** (exponent - 16383 - 63);
}

interface Comm {
  channels: number;
  frames: number;
  bits: number;
  sampleRate: number;
  compression: string;
}

function encodingOf(comm: Comm, container: string): PcmEncoding {
  const { bits, compression } = comm;
  const intBits = bits <= 8 ? 8 : bits <= 16 ? 16 : bits <= 24 ? 24 : bits <= 32 ? 32 : 0;
  switch (compression) {
    case 'NONE':
    case 'twos':
    case 'raw ':
    case 'sowt':
      if (intBits === 0 || bits < 1) {
        throw unsupportedEncoding(container, `${bits}-bit samples`);
      }
      return {
        kind: 'int',
        bits: intBits,
        signed: compression !== 'raw ',
        littleEndian: compression === 'sowt',
      };
    case 'fl32':
    case 'FL32':
      return { kind: 'float', bits: 32, littleEndian: false };
    case 'fl64':
    case 'FL64':
      return { kind: 'float', bits: 64, littleEndian: false };
    default:
      throw unsupportedEncoding(container, `the '${compression.trim()}' compression`);
  }
}

/** Reads the header of an AIFF/AIFF-C file (sniffed as such). */
export async function readAiffLayout(file: FileBytes): Promise<PcmLayout> {
  const head = await file.read(0, 12);
  const container = String.fromCharCode(...head.subarray(8, 12)) === 'AIFC' ? 'AIFF-C' : 'AIFF';
  if (head.length < 12) {
    throw damaged(container, 'it ends inside its header');
  }
  let comm: Comm | null = null;
  let ssnd: { body: number; size: number } | null = null;
  for await (const chunk of walkChunks(file, 12, false, container)) {
    if (chunk.id === 'COMM') {
      const view = await readChunkBody(
        file,
        chunk,
        container === 'AIFF-C' ? 22 : 18,
        64,
        container,
      );
      comm = {
        channels: view.getInt16(0, false),
        frames: view.getUint32(2, false),
        bits: view.getInt16(6, false),
        sampleRate: readExtended(view, 8),
        compression:
          container === 'AIFF-C'
            ? String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + 18, 4))
            : 'NONE',
      };
    } else if (chunk.id === 'SSND') {
      const view = await readChunkBody(file, chunk, 8, 8, container);
      const offset = view.getUint32(0, false);
      ssnd = { body: chunk.body + 8 + offset, size: Math.max(0, chunk.size - 8 - offset) };
    }
    if (comm !== null && ssnd !== null) {
      break;
    }
  }
  if (comm === null) {
    throw damaged(container, 'it has no COMM chunk');
  }
  if (ssnd === null) {
    throw damaged(container, 'it has no sound data');
  }
  const encoding = encodingOf(comm, container);
  const frameBytes = (encoding.bits / 8) * Math.max(1, comm.channels);
  // COMM's frame count and SSND's size must agree; the smaller is what can be trusted.
  const declared = Math.min(ssnd.size, comm.frames * frameBytes);
  return finishLayout(
    file,
    {
      container,
      encoding,
      channels: comm.channels,
      sampleRate: comm.sampleRate,
      speakers: null,
      dataOffset: ssnd.body,
    },
    declared,
  );
}
