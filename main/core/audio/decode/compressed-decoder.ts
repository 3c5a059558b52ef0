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

  constructor(file: FileBytes, format: CompressedFormat) {
    this.#file = file;
    this.#format = format;
    this.totalBytes = file.size;
    this.description = FORMATS[format].description;
    this.channelOrder = FORMATS[format].order;
  }

  async *blocks(signal?: AbortSignal): AsyncGenerator<DecodedBlock> {
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
      return {
        channels: result.channelData.map((channel) => channel.subarray(0, frames)),
        sampleRate: result.sampleRate,
      };
    };
    for (let at = 0; at < this.totalBytes; at += CHUNK_BYTES) {
      throwIfCancelled(signal);
      const chunk = await this.#file.read(at, CHUNK_BYTES);
      this.bytesConsumed = at + chunk.length;
      const block = accept(await decoder.decode(chunk));
      if (block !== null) {
        yield block;
      }
    }
    if (decoder.flush !== undefined) {
      const block = accept(await decoder.flush());
      if (block !== null) {
        yield block;
      }
    }
  }

  async close(): Promise<void> {
    this.#decoder?.free();
    this.#decoder = null;
    await this.#file.close();
  }
}
