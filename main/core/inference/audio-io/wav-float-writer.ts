/**
 * Streams stereo float32 audio into a WAV file (IEEE float, format 3) tile by tile, tracking the
 * peak, then applies the reference's anti-clipping in place: when any |x| > 1 the whole item
 * is divided by its peak (spec §5.8). Memory stays bounded by one chunk.
 */
import { type FileHandle, open, rm } from 'node:fs/promises';

import { StudioError } from '../../../../app/errors.ts';
import { float32View, interleaveStereo } from './pcm-file.ts';

const HEADER_BYTES = 44;
const RESCALE_CHUNK_SAMPLES = 1 << 16;

function wavHeader(samples: number, sampleRate: number): Buffer {
  const dataBytes = samples * 8;
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(3, 20); // IEEE float
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 8, 28);
  header.writeUInt16LE(8, 32);
  header.writeUInt16LE(32, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

export interface WrittenAudio {
  path: string;
  samples: number;
  /** Peak |x| before normalisation. */
  peak: number;
  /** True when the item was divided by its peak. */
  normalized: boolean;
}

export class WavFloatWriter {
  readonly #path: string;
  readonly #samples: number;
  #handle: FileHandle | null = null;
  #written = 0;
  #peak = 0;

  private constructor(path: string, samples: number) {
    this.#path = path;
    this.#samples = samples;
  }

  /** Creates `path` for exactly `samples` samples per channel. */
  static async create(path: string, samples: number, sampleRate: number): Promise<WavFloatWriter> {
    const writer = new WavFloatWriter(path, samples);
    // Read and write: the anti-clipping pass reads the samples back.
    writer.#handle = await open(path, 'w+');
    await writer.#handle.write(wavHeader(samples, sampleRate), 0, HEADER_BYTES, 0);
    return writer;
  }

  /** Appends samples (clipped to the declared length). Values must be finite. */
  async write(left: Float32Array, right: Float32Array): Promise<void> {
    const handle = this.#requireOpen();
    const count = Math.min(left.length, this.#samples - this.#written);
    if (count <= 0) {
      return;
    }
    for (let i = 0; i < count; i += 1) {
      this.#peak = Math.max(this.#peak, Math.abs(left[i] ?? 0), Math.abs(right[i] ?? 0));
    }
    const bytes = interleaveStereo(left.subarray(0, count), right.subarray(0, count));
    await handle.write(bytes, 0, bytes.length, HEADER_BYTES + this.#written * 8);
    this.#written += count;
  }

  get written(): number {
    return this.#written;
  }

  /** Checks the length, normalises when clipping, syncs and closes. */
  async finish(): Promise<WrittenAudio> {
    const handle = this.#requireOpen();
    if (this.#written !== this.#samples) {
      throw new StudioError('INTERNAL', `wrote ${this.#written} of ${this.#samples} samples`);
    }
    const normalized = this.#peak > 1;
    if (normalized) {
      await this.#rescale(handle, 1 / this.#peak);
    }
    await handle.sync();
    await handle.close();
    this.#handle = null;
    return { path: this.#path, samples: this.#samples, peak: this.#peak, normalized };
  }

  async #rescale(handle: FileHandle, gain: number): Promise<void> {
    const chunk = Buffer.alloc(RESCALE_CHUNK_SAMPLES * 8);
    for (let start = 0; start < this.#samples; start += RESCALE_CHUNK_SAMPLES) {
      const count = Math.min(RESCALE_CHUNK_SAMPLES, this.#samples - start);
      const bytes = count * 8;
      const position = HEADER_BYTES + start * 8;
      await handle.read(chunk, 0, bytes, position);
      const values = float32View(chunk);
      for (let i = 0; i < count * 2; i += 1) {
        values[i] = (values[i] ?? 0) * gain;
      }
      await handle.write(chunk, 0, bytes, position);
    }
  }

  /** Closes and deletes a partial file. */
  async abort(): Promise<void> {
    if (this.#handle !== null) {
      await this.#handle.close();
      this.#handle = null;
    }
    await rm(this.#path, { force: true });
  }

  #requireOpen(): FileHandle {
    if (this.#handle === null) {
      throw new StudioError('INTERNAL', 'The audio writer is closed.');
    }
    return this.#handle;
  }
}
