/**
 * A streaming WAV writer: 16-bit (TPDF dither) and 24-bit integer PCM, 32-bit IEEE float. The
 * header reserves a JUNK chunk the size of an RF64 ds64 chunk (EBU Tech 3306), so a file that
 * outgrows 4 GiB becomes RF64 in place when it is finished. Callers may add their own chunks
 * (bext, iXML, acid, LIST) before and after the data chunk.
 *
 * Layout: RIFF/RF64 · JUNK|ds64 (28) · fmt · [fact (float)] · [chunksBeforeData] · data ·
 * [chunksAfterData]. Everything is little-endian.
 */
import { endianness } from 'node:os';

import { StudioError } from '../../../../app/errors.ts';
import type { PositionalWriter } from './byte-sink.ts';
import { TpdfDither } from './dither.ts';
import { quantizeSample } from './quantize.ts';

export type WavSampleFormat = 'pcm16' | 'pcm24' | 'float32';

/** An extra RIFF chunk: a four-character id and its body (padded to even length on write). */
export interface RiffChunk {
  id: string;
  data: Uint8Array;
}

export interface WavWriterOptions {
  sampleFormat: WavSampleFormat;
  sampleRate: number;
  channels: number;
  chunksBeforeData?: readonly RiffChunk[];
  /** Chunks after the audio; a function is called at finish (e.g. for totals). */
  chunksAfterData?: readonly RiffChunk[] | (() => readonly RiffChunk[]);
  /** 16-bit only: 'tpdf' (default) adds triangular dither of ±1 LSB before rounding. */
  dither?: 'tpdf' | 'none';
  /** Seed of the dither noise, so the same render gives the same file. */
  ditherSeed?: number;
  /** Write RF64 even below 4 GiB (DAWs that want RF64 always; tests of the RF64 path). */
  forceRf64?: boolean;
}

const JUNK_BODY = 28;
const LITTLE_ENDIAN = endianness() === 'LE';
const U32_MAX = 0xffffffff;
const BYTES: Record<WavSampleFormat, number> = { pcm16: 2, pcm24: 3, float32: 4 };

function chunkBytes(chunk: RiffChunk): Uint8Array {
  if (!/^[\x20-\x7e]{4}$/.test(chunk.id)) {
    throw new StudioError('VALIDATION_FAILED', `'${chunk.id}' is not a RIFF chunk id.`);
  }
  const padded = chunk.data.length + (chunk.data.length % 2);
  const out = new Uint8Array(8 + padded);
  out.set(Buffer.from(chunk.id, 'latin1'), 0);
  new DataView(out.buffer).setUint32(4, chunk.data.length, true);
  out.set(chunk.data, 8);
  return out;
}

function fmtChunk(options: WavWriterOptions): RiffChunk {
  const bytes = BYTES[options.sampleFormat];
  const float = options.sampleFormat === 'float32';
  const body = new DataView(new ArrayBuffer(float ? 18 : 16));
  body.setUint16(0, float ? 3 : 1, true);
  body.setUint16(2, options.channels, true);
  body.setUint32(4, options.sampleRate, true);
  body.setUint32(8, options.sampleRate * options.channels * bytes, true);
  body.setUint16(12, options.channels * bytes, true);
  body.setUint16(14, bytes * 8, true);
  return { id: 'fmt ', data: new Uint8Array(body.buffer) };
}

export class WavWriter {
  readonly #handle: PositionalWriter;
  readonly #options: WavWriterOptions;
  readonly #frameBytes: number;
  readonly #dither: TpdfDither | null;
  /** Byte offsets of the fields patched at finish. */
  readonly #factAt: number | null;
  readonly #dataSizeAt: number;
  readonly #dataStart: number;
  #frames = 0;

  private constructor(handle: PositionalWriter, options: WavWriterOptions, header: HeaderPlan) {
    this.#handle = handle;
    this.#options = options;
    this.#frameBytes = BYTES[options.sampleFormat] * options.channels;
    this.#factAt = header.factAt;
    this.#dataSizeAt = header.dataSizeAt;
    this.#dataStart = header.bytes.length;
    this.#dither =
      options.sampleFormat === 'pcm16' && options.dither !== 'none'
        ? new TpdfDither(options.ditherSeed ?? 1)
        : null;
  }

  /** Writes the header at the start of `handle` (an empty file opened for writing). */
  static async open(handle: PositionalWriter, options: WavWriterOptions): Promise<WavWriter> {
    if (!Number.isInteger(options.channels) || options.channels < 1 || options.channels > 64) {
      throw new StudioError('VALIDATION_FAILED', 'A WAV file has 1 to 64 channels.');
    }
    const header = planHeader(options);
    await handle.write(header.bytes, 0, header.bytes.length, 0);
    return new WavWriter(handle, options, header);
  }

  get frames(): number {
    return this.#frames;
  }

  /** Appends planar frames (every channel the same length). */
  async write(channels: readonly Float32Array[]): Promise<void> {
    const frames = channels[0]?.length ?? 0;
    if (channels.length !== this.#options.channels || channels.some((c) => c.length !== frames)) {
      throw new StudioError('INTERNAL', 'WAV writer: wrong channel count or ragged channels.');
    }
    if (frames === 0) {
      return;
    }
    const bytes = this.#encode(channels, frames);
    await this.#handle.write(
      bytes,
      0,
      bytes.length,
      this.#dataStart + this.#frames * this.#frameBytes,
    );
    this.#frames += frames;
  }

  #encode(channels: readonly Float32Array[], frames: number): Uint8Array {
    if (this.#options.sampleFormat === 'float32' && LITTLE_ENDIAN) {
      return interleaveFloat(channels, frames);
    }
    const out = new Uint8Array(frames * this.#frameBytes);
    const view = new DataView(out.buffer);
    const format = this.#options.sampleFormat;
    let at = 0;
    // Time order (frame by frame), so the dither sequence does not depend on block sizes.
    for (let i = 0; i < frames; i += 1) {
      for (const input of channels) {
        const x = input[i] as number;
        if (format === 'float32') {
          view.setFloat32(at, x, true);
        } else if (format === 'pcm16') {
          view.setInt16(at, quantizeSample(x, 16, this.#dither), true);
        } else {
          const q = quantizeSample(x, 24, null);
          view.setUint8(at, q & 0xff);
          view.setUint8(at + 1, (q >> 8) & 0xff);
          view.setUint8(at + 2, (q >> 16) & 0xff);
        }
        at += BYTES[format];
      }
    }
    return out;
  }

  /** Writes the trailing chunks and the final sizes (RF64 past 4 GiB); returns the totals. */
  async finish(): Promise<{ frames: number; bytes: number }> {
    const dataBytes = this.#frames * this.#frameBytes;
    let at = this.#dataStart + dataBytes;
    if (dataBytes % 2 === 1) {
      await this.#handle.write(new Uint8Array(1), 0, 1, at);
      at += 1;
    }
    const after = this.#options.chunksAfterData;
    for (const chunk of typeof after === 'function' ? after() : (after ?? [])) {
      const bytes = chunkBytes(chunk);
      await this.#handle.write(bytes, 0, bytes.length, at);
      at += bytes.length;
    }
    const total = at;
    const rf64 = this.#options.forceRf64 === true || total - 8 > U32_MAX;
    const patch = async (offset: number, value: Uint8Array) => {
      await this.#handle.write(value, 0, value.length, offset);
    };
    const u32 = (value: number) => {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, value, true);
      return b;
    };
    if (rf64) {
      const ds64 = new DataView(new ArrayBuffer(8 + JUNK_BODY));
      ds64.setUint32(0, 0x34367364, true); // 'ds64'
      ds64.setUint32(4, JUNK_BODY, true);
      ds64.setBigUint64(8, BigInt(total - 8), true);
      ds64.setBigUint64(16, BigInt(dataBytes), true);
      ds64.setBigUint64(24, BigInt(this.#frames), true);
      await patch(0, Buffer.from('RF64', 'latin1'));
      await patch(4, u32(U32_MAX));
      await patch(12, new Uint8Array(ds64.buffer));
      await patch(this.#dataSizeAt, u32(U32_MAX));
    } else {
      await patch(4, u32(total - 8));
      await patch(this.#dataSizeAt, u32(dataBytes));
    }
    if (this.#factAt !== null) {
      await patch(this.#factAt, u32(Math.min(this.#frames, U32_MAX)));
    }
    return { frames: this.#frames, bytes: total };
  }
}

interface HeaderPlan {
  bytes: Uint8Array;
  factAt: number | null;
  dataSizeAt: number;
}

function planHeader(options: WavWriterOptions): HeaderPlan {
  const parts: Uint8Array[] = [];
  const riff = new Uint8Array(12);
  riff.set(Buffer.from('RIFF\0\0\0\0WAVE', 'latin1'));
  parts.push(riff, chunkBytes({ id: 'JUNK', data: new Uint8Array(JUNK_BODY) }));
  parts.push(chunkBytes(fmtChunk(options)));
  let factAt: number | null = null;
  if (options.sampleFormat === 'float32') {
    factAt = parts.reduce((n, p) => n + p.length, 0) + 8;
    parts.push(chunkBytes({ id: 'fact', data: new Uint8Array(4) }));
  }
  for (const chunk of options.chunksBeforeData ?? []) {
    parts.push(chunkBytes(chunk));
  }
  const dataSizeAt = parts.reduce((n, p) => n + p.length, 0) + 4;
  parts.push(chunkBytes({ id: 'data', data: new Uint8Array(0) }));
  return { bytes: Buffer.concat(parts), factAt, dataSizeAt };
}

/** Float32 samples interleaved in native (little-endian) order: the fast path. */
function interleaveFloat(channels: readonly Float32Array[], frames: number): Uint8Array {
  const count = channels.length;
  const out = new Float32Array(frames * count);
  for (let c = 0; c < count; c += 1) {
    const input = channels[c] as Float32Array;
    for (let i = 0, j = c; i < frames; i += 1, j += count) {
      out[j] = input[i] as number;
    }
  }
  return new Uint8Array(out.buffer);
}
