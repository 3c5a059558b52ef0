/**
 * Raw PCM files between the studio and the inference process: interleaved stereo float32
 * little-endian at the model's sample rate, no header. Windows are read on demand, so a
 * 10-minute source never sits in memory whole; reads before 0 or past the end give silence
 * (that is how outpainting pads the source).
 */
import { open } from 'node:fs/promises';

import { StudioError } from '../../../../app/errors.ts';
import { float32View } from './little-endian.ts';

/** A PCM file, its length in samples per channel, and where the samples start. */
export interface PcmInput {
  path: string;
  samples: number;
  /** Bytes before the first sample (a WAV header; 0 for a raw file). */
  byteOffset?: number | undefined;
}

export interface StereoWindow {
  left: Float32Array;
  right: Float32Array;
}

/** Reads [start, start + count) samples per channel; outside the file is zero. */
export async function readPcmWindow(
  input: PcmInput,
  start: number,
  count: number,
): Promise<StereoWindow> {
  const left = new Float32Array(count);
  const right = new Float32Array(count);
  const from = Math.max(0, start);
  const to = Math.min(input.samples, start + count);
  if (to <= from) {
    return { left, right };
  }
  const bytes = Buffer.alloc((to - from) * 8);
  let handle;
  try {
    handle = await open(input.path, 'r');
    const { bytesRead } = await handle.read(
      bytes,
      0,
      bytes.length,
      (input.byteOffset ?? 0) + from * 8,
    );
    if (bytesRead !== bytes.length) {
      throw new Error(`short read: ${bytesRead} of ${bytes.length} bytes`);
    }
  } catch (error) {
    throw new StudioError(
      'STORAGE_FAILED',
      'The source audio could not be read.',
      { path: input.path },
      { cause: error },
    );
  } finally {
    await handle?.close();
  }
  const offset = from - start;
  const interleaved = float32View(bytes);
  for (let i = 0; i < to - from; i += 1) {
    left[offset + i] = interleaved[2 * i] ?? 0;
    right[offset + i] = interleaved[2 * i + 1] ?? 0;
  }
  return { left, right };
}

/** Interleaves planar stereo into the PCM file format (float32 little-endian bytes). */
export function interleaveStereo(left: Float32Array, right: Float32Array): Buffer {
  const interleaved = new Float32Array(left.length * 2);
  for (let i = 0; i < left.length; i += 1) {
    interleaved[2 * i] = left[i] ?? 0;
    interleaved[2 * i + 1] = right[i] ?? 0;
  }
  return Buffer.from(interleaved.buffer);
}
