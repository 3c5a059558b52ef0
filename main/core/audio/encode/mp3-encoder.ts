/**
 * Streaming MP3 encode with lamejs (a JavaScript port of LAME, LGPL-3.0, kept as its own
 * package). Constant bitrate; the float input is TPDF-dithered to 16 bits first, which is what
 * LAME takes. The file starts with an Info frame (mp3-info-frame.ts) carrying the encoder
 * delay and padding, so gapless decoders give back exactly the frames that went in.
 */
import { Mp3Encoder as Lame } from '@breezystack/lamejs';

import { StudioError } from '../../../../app/errors.ts';
import type { StereoBlock } from '../studio-file.ts';
import type { PositionalWriter } from './byte-sink.ts';
import { TpdfDither } from './dither.ts';
import { buildInfoFrame, infoFrameBytes, MpegFrameCounter } from './mp3-info-frame.ts';
import { quantizeSample } from './quantize.ts';

export const MP3_BITRATES = [96, 128, 160, 192, 224, 256, 320] as const;
export type Mp3Bitrate = (typeof MP3_BITRATES)[number];

/** Frames handed to lamejs per call (a multiple of its 1152-sample frame). */
const CHUNK = 1152 * 32;

export class Mp3Encoder {
  readonly #lame: Lame;
  readonly #handle: PositionalWriter;
  readonly #dither: TpdfDither;
  readonly #kbps: number;
  readonly #sampleRate: number;
  readonly #frames = new MpegFrameCounter();
  #written: number;
  #inputFrames = 0;

  private constructor(
    lame: Lame,
    handle: PositionalWriter,
    options: { kbps: number; sampleRate: number; seed: number },
  ) {
    this.#lame = lame;
    this.#handle = handle;
    this.#dither = new TpdfDither(options.seed);
    this.#kbps = options.kbps;
    this.#sampleRate = options.sampleRate;
    // Room for the Info frame, written when the totals are known.
    this.#written = infoFrameBytes(options.kbps, options.sampleRate);
  }

  static open(
    handle: PositionalWriter,
    options: { kbps: number; sampleRate: number; ditherSeed?: number },
  ): Mp3Encoder {
    if (!(MP3_BITRATES as readonly number[]).includes(options.kbps)) {
      throw new StudioError(
        'VALIDATION_FAILED',
        `MP3 bitrates are ${MP3_BITRATES.join(', ')} kbps.`,
      );
    }
    if (![32_000, 44_100, 48_000].includes(options.sampleRate)) {
      throw new StudioError('VALIDATION_FAILED', 'MP3 is written at 32, 44.1 or 48 kHz.');
    }
    return new Mp3Encoder(new Lame(2, options.sampleRate, options.kbps), handle, {
      kbps: options.kbps,
      sampleRate: options.sampleRate,
      seed: options.ditherSeed ?? 1,
    });
  }

  async #append(bytes: Uint8Array): Promise<void> {
    if (bytes.length > 0) {
      this.#frames.push(bytes);
      await this.#handle.write(bytes, 0, bytes.length, this.#written);
      this.#written += bytes.length;
    }
  }

  async write([left, right]: StereoBlock): Promise<void> {
    this.#inputFrames += left.length;
    for (let at = 0; at < left.length; at += CHUNK) {
      const l = left.subarray(at, at + CHUNK);
      const r = right.subarray(at, at + CHUNK);
      const li = new Int16Array(l.length);
      const ri = new Int16Array(r.length);
      for (let i = 0; i < l.length; i += 1) {
        li[i] = quantizeSample(l[i] as number, 16, this.#dither);
        ri[i] = quantizeSample(r[i] as number, 16, this.#dither);
      }
      await this.#append(this.#lame.encodeBuffer(li, ri));
    }
  }

  async finish(): Promise<{ bytes: number }> {
    await this.#append(this.#lame.flush());
    const info = buildInfoFrame({
      kbps: this.#kbps,
      sampleRate: this.#sampleRate,
      frames: this.#frames.frames,
      inputFrames: this.#inputFrames,
      fileBytes: this.#written,
    });
    await this.#handle.write(info, 0, info.length, 0);
    return { bytes: this.#written };
  }
}
