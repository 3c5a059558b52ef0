/**
 * Streaming FLAC encode (16 or 24 bit) with libFLAC 1.3.4 compiled to asm.js (libflacjs, MIT /
 * BSD). libFLAC writes through a callback; when it finishes it reports the final STREAMINFO
 * (total samples, frame sizes, MD5), which is patched into the header, as a seekable libFLAC
 * file writer would. 16-bit gets TPDF dither like WAV.
 */
import createFlac from 'libflacjs';

import { StudioError } from '../../../../app/errors.ts';
import type { StereoBlock } from '../studio-file.ts';
import type { PositionalWriter } from './byte-sink.ts';
import { TpdfDither } from './dither.ts';
import { quantizeStereo } from './quantize.ts';

type Flac = ReturnType<typeof createFlac>;
type StreamInfo = NonNullable<Parameters<Parameters<Flac['init_encoder_stream']>[2] & object>[0]>;

let flacModule: Promise<Flac> | null = null;

/** The libFLAC module, loaded once per process. */
function loadFlac(): Promise<Flac> {
  flacModule ??= new Promise<Flac>((resolve) => {
    const flac = createFlac();
    if (flac.isReady()) {
      resolve(flac);
    } else {
      flac.on('ready', () => {
        resolve(flac);
      });
    }
  });
  return flacModule;
}

/** STREAMINFO's 34 bytes (FLAC format §METADATA_BLOCK_STREAMINFO). */
export function streamInfoBytes(info: StreamInfo): Uint8Array {
  const out = new Uint8Array(34);
  const view = new DataView(out.buffer);
  view.setUint16(0, info.min_blocksize);
  view.setUint16(2, info.max_blocksize);
  const u24 = (at: number, v: number) => {
    view.setUint8(at, (v >> 16) & 0xff);
    view.setUint16(at + 1, v & 0xffff);
  };
  u24(4, info.min_framesize);
  u24(7, info.max_framesize);
  // 20 bits rate | 3 bits channels-1 | 5 bits bps-1 | 36 bits total samples
  const total = BigInt(info.total_samples);
  const packed =
    (BigInt(info.sampleRate) << 44n) |
    (BigInt(info.channels - 1) << 41n) |
    (BigInt(info.bitsPerSample - 1) << 36n) |
    (total & 0xfffffffffn);
  view.setBigUint64(10, packed);
  const md5 = info.md5sum.padStart(32, '0');
  for (let i = 0; i < 16; i += 1) {
    out[18 + i] = Number.parseInt(md5.slice(2 * i, 2 * i + 2), 16);
  }
  return out;
}

export class FlacEncoder {
  readonly #flac: Flac;
  readonly #encoder: number;
  readonly #handle: PositionalWriter;
  readonly #bits: 16 | 24;
  readonly #dither: TpdfDither | null;
  #pending: Uint8Array[] = [];
  #written = 0;
  #info: StreamInfo | null = null;
  #deleted = false;

  private constructor(
    flac: Flac,
    encoder: number,
    handle: PositionalWriter,
    bits: 16 | 24,
    seed: number,
  ) {
    this.#flac = flac;
    this.#encoder = encoder;
    this.#handle = handle;
    this.#bits = bits;
    this.#dither = bits === 16 ? new TpdfDither(seed) : null;
  }

  static async open(
    handle: PositionalWriter,
    options: { bits: 16 | 24; sampleRate: number; compression?: number; ditherSeed?: number },
  ): Promise<FlacEncoder> {
    const flac = await loadFlac();
    const level = Math.min(8, Math.max(0, options.compression ?? 5)) as Parameters<
      Flac['create_libflac_encoder']
    >[3];
    const encoder = flac.create_libflac_encoder(
      options.sampleRate,
      2,
      options.bits,
      level,
      0,
      false,
    );
    if (encoder === 0) {
      throw new StudioError('INTERNAL', 'The FLAC encoder could not be created.');
    }
    const self = new FlacEncoder(flac, encoder, handle, options.bits, options.ditherSeed ?? 1);
    const status = flac.init_encoder_stream(
      encoder,
      (data) => {
        self.#pending.push(data.slice());
      },
      (info) => {
        if (info !== undefined) {
          self.#info = info;
        }
      },
    );
    if (status !== 0) {
      flac.FLAC__stream_encoder_delete(encoder);
      throw new StudioError('INTERNAL', `The FLAC encoder did not start (status ${status}).`);
    }
    return self;
  }

  async #drain(): Promise<void> {
    for (const bytes of this.#pending) {
      await this.#handle.write(bytes, 0, bytes.length, this.#written);
      this.#written += bytes.length;
    }
    this.#pending = [];
  }

  async write([left, right]: StereoBlock): Promise<void> {
    const samples = quantizeStereo(left, right, this.#bits, this.#dither);
    if (!this.#flac.FLAC__stream_encoder_process_interleaved(this.#encoder, samples, left.length)) {
      throw new StudioError('INTERNAL', 'The FLAC encoder failed.');
    }
    await this.#drain();
  }

  /** Flushes the last frames and writes the final STREAMINFO into the header. */
  async finish(): Promise<{ bytes: number }> {
    const ok = this.#flac.FLAC__stream_encoder_finish(this.#encoder);
    this.abandon();
    if (!ok) {
      throw new StudioError('INTERNAL', 'The FLAC encoder failed to finish.');
    }
    await this.#drain();
    if (this.#info !== null) {
      // 'fLaC' (4) + the STREAMINFO block header (4), then its 34-byte body.
      await this.#handle.write(streamInfoBytes(this.#info), 0, 34, 8);
    }
    return { bytes: this.#written };
  }

  /** Releases the encoder without finishing (cancel). */
  abandon(): void {
    if (!this.#deleted) {
      this.#deleted = true;
      this.#flac.FLAC__stream_encoder_delete(this.#encoder);
    }
  }
}
