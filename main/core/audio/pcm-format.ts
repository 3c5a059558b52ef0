/**
 * Uncompressed sample formats (WAV, RF64, AIFF, AIFF-C) and their conversion to planar float32.
 * Integers map to [-1, 1) by dividing by 2^(bits-1); 8-bit WAV is unsigned (offset 128).
 * Non-finite floats (NaN, ±Infinity) become 0 and are counted: one of them would poison a mix.
 */

export type PcmEncoding =
  | { kind: 'int'; bits: 8 | 16 | 24 | 32; signed: boolean; littleEndian: boolean }
  | { kind: 'float'; bits: 32 | 64; littleEndian: boolean };

/** Bytes per sample of one channel. */
export function bytesPerSample(encoding: PcmEncoding): number {
  return encoding.bits / 8;
}

/** "24-bit integer", "32-bit float": how the format is named to the user. */
export function describeEncoding(encoding: PcmEncoding): string {
  return `${encoding.bits}-bit ${encoding.kind === 'int' ? 'integer' : 'float'}`;
}

export interface ConvertResult {
  /** Planar channels, `frames` long each. */
  channels: Float32Array[];
  /** Samples that were NaN or infinite and were replaced by 0. */
  repaired: number;
}

const FLOAT32_MAX = 3.4028234663852886e38;

type SampleReader = (view: DataView, offset: number) => number;

function sampleReader(encoding: PcmEncoding): SampleReader {
  const le = encoding.littleEndian;
  if (encoding.kind === 'float') {
    return encoding.bits === 32
      ? (view, offset) => view.getFloat32(offset, le)
      : (view, offset) => view.getFloat64(offset, le);
  }
  switch (encoding.bits) {
    case 8:
      return encoding.signed
        ? (view, offset) => view.getInt8(offset) / 128
        : (view, offset) => (view.getUint8(offset) - 128) / 128;
    case 16:
      return (view, offset) => view.getInt16(offset, le) / 32768;
    case 24:
      return le
        ? (view, offset) =>
            (view.getUint8(offset) |
              (view.getUint8(offset + 1) << 8) |
              (view.getInt8(offset + 2) << 16)) /
            8388608
        : (view, offset) =>
            (view.getUint8(offset + 2) |
              (view.getUint8(offset + 1) << 8) |
              (view.getInt8(offset) << 16)) /
            8388608;
    case 32:
      return (view, offset) => view.getInt32(offset, le) / 2147483648;
  }
}

/** Converts whole interleaved frames in `bytes` to planar float32. */
export function interleavedToPlanar(
  bytes: Uint8Array,
  encoding: PcmEncoding,
  channelCount: number,
): ConvertResult {
  const sampleBytes = bytesPerSample(encoding);
  const frameBytes = sampleBytes * channelCount;
  const frames = Math.floor(bytes.length / frameBytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = sampleReader(encoding);
  const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
  let repaired = 0;
  for (let c = 0; c < channelCount; c += 1) {
    const out = channels[c] as Float32Array;
    let offset = c * sampleBytes;
    for (let i = 0; i < frames; i += 1) {
      const value = read(view, offset);
      // A float64 beyond float32's range would become Infinity in the Float32Array.
      if (Math.abs(value) <= FLOAT32_MAX) {
        out[i] = value;
      } else {
        repaired += 1;
      }
      offset += frameBytes;
    }
  }
  return { channels, repaired };
}
