/**
 * Files the engine reads and writes (PCM, WAV data, data arrays) are little-endian float32;
 * typed-array views use the machine's byte order, so the engine refuses a big-endian machine
 * (every supported platform is little-endian) rather than silently garbling audio.
 */
import { endianness } from 'node:os';

if (endianness() !== 'LE') {
  throw new Error('Layerline needs a little-endian machine.');
}

/** A Float32Array over a buffer's bytes (copied when the buffer is not 4-byte aligned). */
export function float32View(bytes: Buffer): Float32Array {
  if (bytes.byteOffset % 4 === 0) {
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  }
  return new Float32Array(Uint8Array.from(bytes).buffer);
}

/** Reinterprets little-endian float32 bytes (a copy, so the result owns aligned memory). */
export function float32Copy(bytes: Uint8Array, count: number): Float32Array {
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + count * 4));
}
