/**
 * Streams stereo float32 audio into a WAV file (IEEE float, format 3) tile by tile, tracking the
 * peak, then applies the reference's anti-clipping in place: when any |x| > 1 the whole item
 * is divided by its peak (spec §5.8). Memory stays bounded by one chunk.
 */
import { type FileHandle, open, rm } from 'node:fs/promises';

import { StudioError } from '../../../../app/errors.ts';
import { float32View } from './little-endian.ts';

const HEADER_BYTES = 44;
const RESCALE_CHUNK_SAMPLES = 1 << 16;
/** File writes that may overlap the caller's next tiles (each holds one tile's copy). */
export const MAX_WRITES_IN_FLIGHT = 3;

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
  /** Copy buffers of finished writes, reused by the next ones. */
  readonly #free: Float32Array[] = [];
  #inFlight = 0;
  /** The samples the peak and the anti-clipping cover: [start, end). */
  #span: { start: number; end: number };

  private constructor(path: string, samples: number, span: { start: number; end: number } | null) {
    this.#path = path;
    this.#samples = samples;
    this.#span = span ?? { start: 0, end: samples };
  }

  /**
   * Creates `path` for exactly `samples` samples per channel. `span` limits the peak and the
   * anti-clipping to part of the file (repaint: only the generated region may be rescaled, so
   * the untouched source stays bit-exact); default the whole file.
   */
  static async create(
    path: string,
    samples: number,
    sampleRate: number,
    span: { start: number; end: number } | null = null,
  ): Promise<WavFloatWriter> {
    const writer = new WavFloatWriter(path, samples, span);
    writer.#handle = await open(path, 'w+');
    await writer.#handle.write(wavHeader(samples, sampleRate), 0, HEADER_BYTES, 0);
    return writer;
  }

  /**
   * Appends samples (clipped to the declared length); values must be finite. The samples are
   * copied before this returns, so the caller may reuse its arrays and decode its next tile
   * while up to MAX_WRITES_IN_FLIGHT file writes are still running (await the oldest first).
   */
  write(left: Float32Array, right: Float32Array): Promise<void> {
    const handle = this.#requireOpen();
    if (this.#inFlight >= MAX_WRITES_IN_FLIGHT) {
      throw new StudioError(
        'INTERNAL',
        'WavFloatWriter.write called with too many writes in flight.',
      );
    }
    const count = Math.min(left.length, this.#samples - this.#written);
    if (count <= 0) {
      return Promise.resolve();
    }
    let interleaved = this.#free.pop();
    if (interleaved === undefined || interleaved.length < count * 2) {
      interleaved = new Float32Array(count * 2);
    }
    for (let i = 0; i < count; i += 1) {
      interleaved[2 * i] = left[i] ?? 0;
      interleaved[2 * i + 1] = right[i] ?? 0;
    }
    // The peak over the span's part of this chunk (NaN-free input: finiteness is the caller's).
    const from = Math.max(0, this.#span.start - this.#written);
    const to = Math.min(count, this.#span.end - this.#written);
    let peak = this.#peak;
    for (let i = 2 * from; i < 2 * to; i += 1) {
      const value = interleaved[i] ?? 0;
      peak = value > peak ? value : -value > peak ? -value : peak;
    }
    this.#peak = peak;
    const position = HEADER_BYTES + this.#written * 8;
    this.#written += count;
    this.#inFlight += 1;
    const buffer = interleaved;
    const release = () => {
      this.#inFlight -= 1;
      this.#free.push(buffer);
    };
    return handle
      .write(new Uint8Array(buffer.buffer, 0, count * 8), 0, count * 8, position)
      .then(release, (error: unknown) => {
        release();
        throw new StudioError(
          'STORAGE_FAILED',
          'The generated audio could not be written.',
          undefined,
          { cause: error },
        );
      });
  }

  get written(): number {
    return this.#written;
  }

  /**
   * Checks the length, normalises when clipping and closes. No fsync: this is a scratch file
   * that the studio copies into the media store, which makes its own copy durable.
   */
  async finish(): Promise<WrittenAudio> {
    const handle = this.#requireOpen();
    if (this.#written !== this.#samples) {
      throw new StudioError('INTERNAL', `wrote ${this.#written} of ${this.#samples} samples`);
    }
    const normalized = this.#peak > 1;
    if (normalized) {
      await this.#rescale(handle, 1 / this.#peak);
    }
    await handle.close();
    this.#handle = null;
    return { path: this.#path, samples: this.#samples, peak: this.#peak, normalized };
  }

  async #rescale(handle: FileHandle, gain: number): Promise<void> {
    const chunk = Buffer.alloc(RESCALE_CHUNK_SAMPLES * 8);
    const { start: first, end } = this.#span;
    for (let start = first; start < end; start += RESCALE_CHUNK_SAMPLES) {
      const count = Math.min(RESCALE_CHUNK_SAMPLES, end - start);
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
