/**
 * Encodes a stream of stereo blocks into a file, atomically: a temp file beside the target,
 * fsynced and renamed into place; a failure or cancel deletes the temp and leaves the target
 * as it was. The export engineer's entry point:
 *
 *   await encodeAudioFile('/out/Song.wav', streamProjectMix(session, request),
 *     { kind: 'wav', sampleFormat: 'pcm24', chunksBeforeData: [bext] }, { signal });
 */
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

import { StudioError, throwIfCancelled } from '../../../../app/errors.ts';
import { STUDIO_SAMPLE_RATE } from '../../../../app/timeline/units.ts';
import { fsyncDirectory, tempPathFor } from '../../fs/atomic.ts';
import type { StereoBlock } from '../studio-file.ts';
import { MemorySink, type PositionalWriter } from './byte-sink.ts';
import { FlacEncoder } from './flac-encoder.ts';
import { type Mp3Bitrate, Mp3Encoder } from './mp3-encoder.ts';
import { type RiffChunk, type WavSampleFormat, WavWriter } from './wav-writer.ts';

export type EncodeFormat =
  | {
      kind: 'wav';
      sampleFormat: WavSampleFormat;
      forceRf64?: boolean;
      chunksBeforeData?: readonly RiffChunk[];
      chunksAfterData?: readonly RiffChunk[] | (() => readonly RiffChunk[]);
    }
  | { kind: 'flac'; bits: 16 | 24; compression?: number }
  | { kind: 'mp3'; kbps: Mp3Bitrate };

export interface EncodeOptions {
  signal?: AbortSignal;
  /** Defaults to the studio rate (48 kHz); the blocks must already be at this rate. */
  sampleRate?: number;
  /** Seed of the TPDF dither (16-bit WAV/FLAC, MP3), so a re-export is byte-identical. */
  ditherSeed?: number;
  onFrames?: (frames: number) => void;
}

interface Sink {
  write(block: StereoBlock): Promise<void>;
  finish(): Promise<unknown>;
  abandon?(): void;
}

async function openSink(
  handle: PositionalWriter,
  format: EncodeFormat,
  options: EncodeOptions,
): Promise<Sink> {
  const sampleRate = options.sampleRate ?? STUDIO_SAMPLE_RATE;
  const seed = options.ditherSeed ?? 1;
  switch (format.kind) {
    case 'wav': {
      const writer = await WavWriter.open(handle, {
        sampleFormat: format.sampleFormat,
        sampleRate,
        channels: 2,
        ditherSeed: seed,
        ...(format.chunksBeforeData === undefined
          ? {}
          : { chunksBeforeData: format.chunksBeforeData }),
        ...(format.chunksAfterData === undefined
          ? {}
          : { chunksAfterData: format.chunksAfterData }),
        ...(format.forceRf64 === undefined ? {} : { forceRf64: format.forceRf64 }),
      });
      return { write: (block) => writer.write(block), finish: () => writer.finish() };
    }
    case 'flac':
      return FlacEncoder.open(handle, {
        bits: format.bits,
        sampleRate,
        ditherSeed: seed,
        ...(format.compression === undefined ? {} : { compression: format.compression }),
      });
    case 'mp3':
      return Mp3Encoder.open(handle, { kbps: format.kbps, sampleRate, ditherSeed: seed });
  }
}

/** Writes `audio` to `target` in `format`; returns the frames and bytes written. */
export async function encodeAudioFile(
  target: string,
  audio: AsyncIterable<StereoBlock> | Iterable<StereoBlock>,
  format: EncodeFormat,
  options: EncodeOptions = {},
): Promise<{ path: string; frames: number; bytes: number }> {
  const temp = tempPathFor(target);
  let frames = 0;
  try {
    const handle = await open(temp, 'wx');
    let sink: Sink | null = null;
    try {
      sink = await openSink(handle, format, options);
      for await (const block of audio) {
        throwIfCancelled(options.signal);
        await sink.write(block);
        frames += block[0].length;
        options.onFrames?.(frames);
      }
      await sink.finish();
      sink = null;
      await handle.sync();
    } finally {
      sink?.abandon?.();
      await handle.close();
    }
    const { size } = await stat(temp);
    await rename(temp, target);
    await fsyncDirectory(dirname(target));
    return { path: target, frames, bytes: size };
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof StudioError) {
      throw error;
    }
    throw new StudioError('STORAGE_FAILED', 'Could not write the audio file.', undefined, {
      cause: error,
    });
  }
}

/** The same, in memory: the bytes of the encoded file (for exports staged as bytes). */
export async function encodeAudioBytes(
  audio: AsyncIterable<StereoBlock> | Iterable<StereoBlock>,
  format: EncodeFormat,
  options: EncodeOptions = {},
): Promise<Uint8Array> {
  const sink = new MemorySink();
  const encoder = await openSink(sink, format, options);
  try {
    let frames = 0;
    for await (const block of audio) {
      throwIfCancelled(options.signal);
      await encoder.write(block);
      frames += block[0].length;
      options.onFrames?.(frames);
    }
    await encoder.finish();
  } catch (error) {
    encoder.abandon?.();
    throw error;
  }
  return sink.bytes();
}
