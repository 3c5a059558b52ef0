/**
 * Streaming MP3 encode with lamejs (a JavaScript port of LAME, LGPL-3.0, kept as its own
 * package). Constant bitrate; the float input is TPDF-dithered to 16 bits first, which is what
 * LAME takes. The stream starts with LAME's usual encoder delay; no Xing/LAME info frame is
 * written, so decoders do not trim it (the export notes say so).
 */
import type { FileHandle } from 'node:fs/promises';

import { Mp3Encoder as Lame } from '@breezystack/lamejs';

import { StudioError } from '../../../../app/errors.ts';
import type { StereoBlock } from '../studio-file.ts';
import { TpdfDither } from './dither.ts';
import { quantizeSample } from './quantize.ts';

export const MP3_BITRATES = [96, 128, 160, 192, 224, 256, 320] as const;
export type Mp3Bitrate = (typeof MP3_BITRATES)[number];

/** Frames handed to lamejs per call (a multiple of its 1152-sample frame). */
const CHUNK = 1152 * 32;

export class Mp3Encoder {
  readonly #lame: Lame;
  readonly #handle: FileHandle;
  readonly #dither: TpdfDither;
  #written = 0;

  private constructor(lame: Lame, handle: FileHandle, seed: number) {
    this.#lame = lame;
    this.#handle = handle;
    this.#dither = new TpdfDither(seed);
  }

  static open(
    handle: FileHandle,
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
    return new Mp3Encoder(
      new Lame(2, options.sampleRate, options.kbps),
      handle,
      options.ditherSeed ?? 1,
    );
  }

  async #append(bytes: Uint8Array): Promise<void> {
    if (bytes.length > 0) {
      await this.#handle.write(bytes, 0, bytes.length, this.#written);
      this.#written += bytes.length;
    }
  }

  async write([left, right]: StereoBlock): Promise<void> {
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
    return { bytes: this.#written };
  }
}
