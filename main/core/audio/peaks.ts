/**
 * Multi-resolution waveform peaks of a stereo studio file: min and max per channel over
 * windows of 256, 1024, 4096 and 16384 frames. Built once while audio is stored (streaming),
 * cached on disk in a small binary form, and served as JSON that wavesurfer.js takes as is:
 *   `wavesurfer.load(url, json.peaks, json.duration)`
 * where `peaks[c]` is channel c's [min0, max0, min1, max1, …] (wavesurfer draws each bucket's
 * largest magnitude, so min/max pairs render the true envelope).
 */
import { StudioError } from '../../../app/errors.ts';
import { STUDIO_SAMPLE_RATE } from '../../../app/timeline/units.ts';

export const PEAK_LEVELS = [256, 1024, 4096, 16_384] as const;
export type PeakLevel = (typeof PEAK_LEVELS)[number];

/** One resolution: per window, [minL, maxL, minR, maxR]. */
export interface PeakLevelData {
  samplesPerPeak: PeakLevel;
  data: Float32Array;
}

export interface Peaks {
  frames: number;
  levels: PeakLevelData[];
}

/** Accumulates the finest level from streamed frames; coarser levels are folded from it. */
export class PeakBuilder {
  readonly #windows: number[] = [];
  #frames = 0;
  #minL = Infinity;
  #maxL = -Infinity;
  #minR = Infinity;
  #maxR = -Infinity;
  #inWindow = 0;

  push(left: Float32Array, right: Float32Array): void {
    const window = PEAK_LEVELS[0];
    for (let i = 0; i < left.length; i += 1) {
      const l = left[i] as number;
      const r = right[i] as number;
      if (l < this.#minL) this.#minL = l;
      if (l > this.#maxL) this.#maxL = l;
      if (r < this.#minR) this.#minR = r;
      if (r > this.#maxR) this.#maxR = r;
      this.#inWindow += 1;
      if (this.#inWindow === window) {
        this.#close();
      }
    }
    this.#frames += left.length;
  }

  #close(): void {
    this.#windows.push(this.#minL, this.#maxL, this.#minR, this.#maxR);
    this.#minL = this.#minR = Infinity;
    this.#maxL = this.#maxR = -Infinity;
    this.#inWindow = 0;
  }

  finish(): Peaks {
    if (this.#inWindow > 0) {
      this.#close();
    }
    const finest = Float32Array.from(this.#windows);
    const levels: PeakLevelData[] = [{ samplesPerPeak: PEAK_LEVELS[0], data: finest }];
    for (let n = 1; n < PEAK_LEVELS.length; n += 1) {
      const previous = (levels[n - 1] as PeakLevelData).data;
      const factor = (PEAK_LEVELS[n] as number) / (PEAK_LEVELS[n - 1] as number);
      levels.push({ samplesPerPeak: PEAK_LEVELS[n] as PeakLevel, data: fold(previous, factor) });
    }
    return { frames: this.#frames, levels };
  }
}

function fold(data: Float32Array, factor: number): Float32Array {
  const windows = data.length / 4;
  const out = new Float32Array(Math.ceil(windows / factor) * 4);
  for (let w = 0; w < windows; w += 1) {
    const o = Math.floor(w / factor) * 4;
    const first = w % factor === 0;
    for (let k = 0; k < 4; k += 1) {
      const v = data[w * 4 + k] as number;
      const isMin = k % 2 === 0;
      const current = out[o + k] as number;
      out[o + k] = first ? v : isMin ? Math.min(current, v) : Math.max(current, v);
    }
  }
  return out;
}

const MAGIC = 0x4b504c4c; // 'LLPK' little-endian
const VERSION = 1;

/** The cache file: magic, version, frames (f64), level count, then each level's windows. */
export function encodePeaks(peaks: Peaks): Uint8Array {
  const size = 16 + peaks.levels.reduce((n, level) => n + 8 + level.data.byteLength, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint16(4, VERSION, true);
  view.setUint16(6, peaks.levels.length, true);
  view.setFloat64(8, peaks.frames, true);
  let at = 16;
  for (const level of peaks.levels) {
    view.setUint32(at, level.samplesPerPeak, true);
    view.setUint32(at + 4, level.data.length, true);
    out.set(
      new Uint8Array(level.data.buffer, level.data.byteOffset, level.data.byteLength),
      at + 8,
    );
    at += 8 + level.data.byteLength;
  }
  return out;
}

/** Reads a cache file back; STORAGE_FAILED when it is not one we wrote. */
export function decodePeaks(bytes: Uint8Array): Peaks {
  const bad = () => new StudioError('STORAGE_FAILED', 'A waveform cache file is damaged.');
  if (bytes.length < 16) {
    throw bad();
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC || view.getUint16(4, true) !== VERSION) {
    throw bad();
  }
  const count = view.getUint16(6, true);
  const frames = view.getFloat64(8, true);
  const levels: PeakLevelData[] = [];
  let at = 16;
  for (let n = 0; n < count; n += 1) {
    if (at + 8 > bytes.length) {
      throw bad();
    }
    const samplesPerPeak = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    if (
      !(PEAK_LEVELS as readonly number[]).includes(samplesPerPeak) ||
      at + 8 + length * 4 > bytes.length
    ) {
      throw bad();
    }
    const data = new Float32Array(length);
    new Uint8Array(data.buffer).set(bytes.subarray(at + 8, at + 8 + length * 4));
    levels.push({ samplesPerPeak: samplesPerPeak as PeakLevel, data });
    at += 8 + length * 4;
  }
  if (!Number.isInteger(frames) || frames < 0 || levels.length !== PEAK_LEVELS.length) {
    throw bad();
  }
  return { frames, levels };
}

/** What GET /media/:hash/peaks answers (see the module comment for wavesurfer.js). */
export interface PeaksJson {
  format: 'layerline-peaks';
  version: 1;
  sampleRate: number;
  frames: number;
  /** Seconds; pass as wavesurfer's `duration`. */
  duration: number;
  channels: 2;
  samplesPerPeak: PeakLevel;
  /** Every resolution this item has; ask for one with `?samplesPerPeak=`. */
  levels: readonly PeakLevel[];
  /** Per channel, [min, max] pairs in window order, rounded to 1e-4. */
  peaks: [number[], number[]];
}

const round4 = (value: number): number => Math.round(value * 1e4) / 1e4;

export function peaksJson(peaks: Peaks, samplesPerPeak: PeakLevel = PEAK_LEVELS[0]): PeaksJson {
  const level = peaks.levels.find((l) => l.samplesPerPeak === samplesPerPeak);
  if (level === undefined) {
    throw new StudioError('NOT_FOUND', `No peaks at ${samplesPerPeak} samples per peak.`);
  }
  const left: number[] = [];
  const right: number[] = [];
  for (let i = 0; i < level.data.length; i += 4) {
    left.push(round4(level.data[i] as number), round4(level.data[i + 1] as number));
    right.push(round4(level.data[i + 2] as number), round4(level.data[i + 3] as number));
  }
  return {
    format: 'layerline-peaks',
    version: 1,
    sampleRate: STUDIO_SAMPLE_RATE,
    frames: peaks.frames,
    duration: peaks.frames / STUDIO_SAMPLE_RATE,
    channels: 2,
    samplesPerPeak,
    levels: PEAK_LEVELS,
    peaks: [left, right],
  };
}

/** Parses a `samplesPerPeak` query value; null when absent, NOT_FOUND when not a level. */
export function parsePeakLevel(raw: string | null): PeakLevel | null {
  if (raw === null) {
    return null;
  }
  const level = PEAK_LEVELS.find((l) => String(l) === raw);
  if (level === undefined) {
    throw new StudioError('NOT_FOUND', `Peaks come at ${PEAK_LEVELS.join(', ')} samples per peak.`);
  }
  return level;
}
