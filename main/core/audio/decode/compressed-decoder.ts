/**
 * Streaming decode of compressed formats with maintained WebAssembly decoders (MIT, from the
 * wasm-audio-decoders project): mpg123 for MP3 (gapless: the LAME/Xing delay and padding are
 * trimmed), libFLAC, libvorbis and libopus for Ogg. The file is fed in fixed-size chunks, so
 * memory stays bounded by the chunk and one decoded block, whatever the file's length.
 */
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import { MPEGDecoder } from 'mpg123-decoder';
import { OggOpusDecoder } from 'ogg-opus-decoder';

import { StudioError, throwIfCancelled } from '../../../../app/errors.ts';
import type { AudioDecoder, DecodedBlock, SourceDescription } from './audio-decoder.ts';
import type { FileBytes } from './file-bytes.ts';

export type CompressedFormat = 'mp3' | 'flac' | 'vorbis' | 'opus';

/** Input bytes per decode call. */
const CHUNK_BYTES = 256 * 1024;

interface WasmResult {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors: unknown[];
}

interface WasmDecoder {
  ready: Promise<void>;
  decode(data: Uint8Array): WasmResult | Promise<WasmResult>;
  flush?: () => Promise<WasmResult>;
  free(): void;
}

const FORMATS: Record<
  CompressedFormat,
  { description: SourceDescription; order: 'wav' | 'vorbis'; make: () => WasmDecoder }
> = {
  mp3: {
    description: { format: 'MP3', encoding: null, mime: 'audio/mpeg' },
    order: 'wav',
    make: () => new MPEGDecoder({ enableGapless: true }),
  },
  flac: {
    description: { format: 'FLAC', encoding: null, mime: 'audio/flac' },
    order: 'wav',
    make: () => new FLACDecoder(),
  },
  vorbis: {
    description: { format: 'Ogg Vorbis', encoding: null, mime: 'audio/ogg' },
    order: 'vorbis',
    make: () => new OggVorbisDecoder(),
  },
  opus: {
    description: { format: 'Ogg Opus', encoding: null, mime: 'audio/ogg' },
    order: 'vorbis',
    make: () => new OggOpusDecoder({ forceStereo: false }),
  },
};

/** Bits per sample from a FLAC file's STREAMINFO (the first metadata block), or null. */
function flacBitsPerSample(head: Uint8Array): number | null {
  if (head.length < 42 || String.fromCharCode(...head.subarray(0, 4)) !== 'fLaC') {
    return null;
  }
  const bits = ((((head[20] ?? 0) & 0x01) << 4) | ((head[21] ?? 0) >> 4)) + 1;
  return bits >= 4 && bits <= 32 ? bits : null;
}

export class CompressedDecoder implements AudioDecoder {
  readonly description: SourceDescription;
  readonly channelOrder: 'wav' | 'vorbis';
  readonly speakers = null;
  readonly totalBytes: number;
  readonly truncated = false;
  readonly repaired = 0;
  bytesConsumed = 0;
  /** Frames the decoder reported as damaged (it skips them and goes on). */
  decodeErrors = 0;
  readonly #file: FileBytes;
  readonly #format: CompressedFormat;
  #decoder: WasmDecoder | null = null;
  /** FLAC only: the decoder scales by 2^(bits-1) - 1; this makes it 2^(bits-1) like PCM. */
  #rescale = 1;

  constructor(file: FileBytes, format: CompressedFormat) {
    this.#file = file;
    this.#format = format;
    this.totalBytes = file.size;
    this.description = FORMATS[format].description;
    this.channelOrder = FORMATS[format].order;
  }

  async *blocks(signal?: AbortSignal): AsyncGenerator<DecodedBlock> {
    if (this.#format === 'flac') {
      const bits = flacBitsPerSample(await this.#file.read(0, 42));
      this.#rescale = bits === null ? 1 : (2 ** (bits - 1) - 1) / 2 ** (bits - 1);
    }
    const decoder = FORMATS[this.#format].make();
    this.#decoder = decoder;
    await decoder.ready;
    let rate: number | null = null;
    const accept = (result: WasmResult): DecodedBlock | null => {
      this.decodeErrors += result.errors.length;
      const frames = result.samplesDecoded;
      if (frames <= 0 || result.channelData.length === 0) {
        return null;
      }
      if (rate !== null && result.sampleRate !== rate) {
        throw new StudioError(
          'UNSUPPORTED_FORMAT',
          `This ${this.description.format} file changes its sample rate part-way through.`,
          { format: this.description.format },
        );
      }
      rate = result.sampleRate;
      const channels = result.channelData.map((channel) => channel.subarray(0, frames));
      if (this.#rescale !== 1) {
        for (const channel of channels) {
          for (let i = 0; i < channel.length; i += 1) {
            channel[i] = (channel[i] as number) * this.#rescale;
          }
        }
      }
      return { channels, sampleRate: result.sampleRate };
    };
    for (let at = 0; at < this.totalBytes; at += CHUNK_BYTES) {
      throwIfCancelled(signal);
      const chunk = await this.#file.read(at, CHUNK_BYTES);
      this.bytesConsumed = at + chunk.length;
      const block = accept(await this.#guard(() => decoder.decode(chunk)));
      if (block !== null) {
        yield block;
      }
    }
    const flush = decoder.flush;
    if (flush !== undefined) {
      const block = accept(await this.#guard(() => flush.call(decoder)));
      if (block !== null) {
        yield block;
      }
    }
  }

  /** A decoder that throws on bad input gives a typed error, not a crash. */
  async #guard(work: () => WasmResult | Promise<WasmResult>): Promise<WasmResult> {
    try {
      return await work();
    } catch (error) {
      throw new StudioError(
        'VALIDATION_FAILED',
        `This ${this.description.format} file is damaged and cannot be decoded.`,
        { format: this.description.format },
        { cause: error },
      );
    }
  }

  async close(): Promise<void> {
    this.#decoder?.free();
    this.#decoder = null;
    await this.#file.close();
  }
}
