/**
 * The "Info" frame LAME puts first in a CBR MP3 (the Xing header layout plus the LAME
 * extension): a silent MPEG frame whose payload holds the frame count, the byte count, a seek
 * table and, above all, the encoder delay and padding. Gapless decoders (ffmpeg, mpg123, most
 * players) use them to trim the encoder's delay and the last frame's padding, so an exported
 * MP3 decodes to exactly the frames that went in. Layout per the LAME "Mp3 Info Tag rev 1"
 * description; only MPEG-1 Layer III stereo (32/44.1/48 kHz) is written here.
 */
import { mpegFrameLength } from '../decode/sniff.ts';

/** LAME's encoder delay (samples before the first input sample), without the decoder's 529. */
export const LAME_ENCODER_DELAY = 576;
const SAMPLES_PER_FRAME = 1152;
/** MPEG-1 Layer III: 4-byte header, 32 bytes of stereo side information. */
const TAG_OFFSET = 4 + 32;

const BITRATE_INDEX: Record<number, number> = {
  32: 1, 40: 2, 48: 3, 56: 4, 64: 5, 80: 6, 96: 7, 112: 8, 128: 9, 160: 10, 192: 11, 224: 12,
  256: 13, 320: 14,
}; // prettier-ignore
const RATE_INDEX: Record<number, number> = { 44_100: 0, 48_000: 1, 32_000: 2 };

/** Size in bytes of the (unpadded) Info frame for a bitrate and rate. */
export function infoFrameBytes(kbps: number, sampleRate: number): number {
  return Math.floor((144_000 * kbps) / sampleRate);
}

/** CRC-16 as LAME computes it for the tag (polynomial 0x8005, reflected, initial 0). */
function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) {
      crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
    }
  }
  return crc & 0xffff;
}

/** Counts MPEG frames in a byte stream delivered in pieces (frames may straddle pieces). */
export class MpegFrameCounter {
  frames = 0;
  #skip = 0;
  #header: number[] = [];

  push(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      if (this.#skip > 0) {
        const step = Math.min(this.#skip, bytes.length - at);
        this.#skip -= step;
        at += step;
        continue;
      }
      this.#header.push(bytes[at] as number);
      at += 1;
      if (this.#header.length === 4) {
        const length = mpegFrameLength(Uint8Array.from(this.#header), 0);
        this.#header = [];
        // A byte that does not start a frame is skipped (it cannot happen with LAME output).
        if (length > 4) {
          this.frames += 1;
          this.#skip = length - 4;
        }
      }
    }
  }
}

/**
 * The Info frame for `frames` audio frames of `inputFrames` samples in a file of `fileBytes`
 * (the Info frame included), at `kbps` and `sampleRate`.
 */
export function buildInfoFrame(options: {
  kbps: number;
  sampleRate: number;
  frames: number;
  inputFrames: number;
  fileBytes: number;
}): Uint8Array {
  const size = infoFrameBytes(options.kbps, options.sampleRate);
  const frame = new Uint8Array(size);
  const view = new DataView(frame.buffer);
  // Header: sync, MPEG-1, Layer III, no CRC; bitrate, rate, no padding; joint stereo.
  frame[0] = 0xff;
  frame[1] = 0xfb;
  frame[2] =
    ((BITRATE_INDEX[options.kbps] ?? 0) << 4) | ((RATE_INDEX[options.sampleRate] ?? 0) << 2);
  frame[3] = 0x44;
  const tag = TAG_OFFSET;
  frame.set(Buffer.from('Info', 'latin1'), tag);
  view.setUint32(tag + 4, 0x0f); // frames, bytes, TOC and quality present
  view.setUint32(tag + 8, options.frames);
  view.setUint32(tag + 12, options.fileBytes);
  for (let i = 0; i < 100; i += 1) {
    frame[tag + 16 + i] = Math.floor((i * 256) / 100); // CBR: a linear seek table
  }
  view.setUint32(tag + 116, 0);
  const lame = tag + 120;
  frame.set(Buffer.from('LAME3.100', 'latin1'), lame);
  frame[lame + 9] = 0x00; // tag revision 0, VBR method: CBR
  frame[lame + 10] = Math.round(Math.min(options.sampleRate / 2, 20_500) / 100); // lowpass / 100 Hz
  frame[lame + 20] = Math.min(255, options.kbps);
  const padding = options.frames * SAMPLES_PER_FRAME - LAME_ENCODER_DELAY - options.inputFrames;
  const delayPadding = (LAME_ENCODER_DELAY << 12) | (Math.max(0, Math.min(4095, padding)) & 0xfff);
  frame[lame + 21] = (delayPadding >> 16) & 0xff;
  frame[lame + 22] = (delayPadding >> 8) & 0xff;
  frame[lame + 23] = delayPadding & 0xff;
  view.setUint32(lame + 28, options.fileBytes); // music length (whole file)
  view.setUint16(lame + 34, crc16(frame.subarray(0, lame + 34)));
  return frame;
}
