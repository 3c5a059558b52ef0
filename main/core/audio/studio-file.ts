/**
 * The studio format on disk: a WAV (RF64 past 4 GiB) of 48 kHz stereo IEEE float32, written
 * by WavWriter with no extra chunks, so the same samples always give the same bytes and hash.
 * Browsers play it directly (studio-media:// and GET /media/:hash), and the engine reads any
 * sample range of it without decoding the rest.
 */
import type { FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';

import { StudioError } from '../../../app/errors.ts';
import { STUDIO_SAMPLE_RATE } from '../../../app/timeline/units.ts';
import { FileBytes } from './decode/file-bytes.ts';
import { readWavLayout } from './decode/wav-header.ts';
import { WavWriter } from './encode/wav-writer.ts';

export const STUDIO_MIME = 'audio/wav';

/** A stereo block: left and right, equal length. */
export type StereoBlock = [left: Float32Array, right: Float32Array];

export function openStudioWriter(handle: FileHandle): Promise<WavWriter> {
  return WavWriter.open(handle, {
    sampleFormat: 'float32',
    sampleRate: STUDIO_SAMPLE_RATE,
    channels: 2,
  });
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** Random-access reads of a stored studio file. */
export class StudioAudioReader {
  readonly frames: number;
  readonly #file: FileBytes;
  readonly #dataOffset: number;

  private constructor(file: FileBytes, dataOffset: number, frames: number) {
    this.#file = file;
    this.#dataOffset = dataOffset;
    this.frames = frames;
  }

  static async open(path: string): Promise<StudioAudioReader> {
    const file = await FileBytes.open(path);
    try {
      const layout = await readWavLayout(file);
      const ok =
        layout.encoding.kind === 'float' &&
        layout.encoding.bits === 32 &&
        layout.channels === 2 &&
        layout.sampleRate === STUDIO_SAMPLE_RATE &&
        !layout.truncated;
      if (!ok) {
        throw new StudioError('STORAGE_FAILED', 'A stored audio file is not in the studio format.');
      }
      return new StudioAudioReader(file, layout.dataOffset, layout.frames);
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /**
   * `count` frames from frame `start`. Frames outside the file read as silence, so callers can
   * ask for any range (a clip that runs past its media's end).
   */
  async read(start: number, count: number): Promise<StereoBlock> {
    const left = new Float32Array(count);
    const right = new Float32Array(count);
    const from = Math.max(0, start);
    const to = Math.min(this.frames, start + count);
    if (to > from) {
      const bytes = await this.#file.read(this.#dataOffset + from * 8, (to - from) * 8);
      const frames = Math.floor(bytes.length / 8);
      const offset = from - start;
      if (LITTLE_ENDIAN) {
        const samples = new Float32Array(bytes.buffer, bytes.byteOffset, frames * 2);
        for (let i = 0; i < frames; i += 1) {
          left[offset + i] = samples[2 * i] as number;
          right[offset + i] = samples[2 * i + 1] as number;
        }
      } else {
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        for (let i = 0; i < frames; i += 1) {
          left[offset + i] = view.getFloat32(i * 8, true);
          right[offset + i] = view.getFloat32(i * 8 + 4, true);
        }
      }
    }
    return [left, right];
  }

  close(): Promise<void> {
    return this.#file.close();
  }
}
