/**
 * Writes studio-format audio into a temp file of a media folder: the WAV, its peaks and its
 * length, streamed block by block. The temp is fsynced and closed; the caller hashes and
 * adopts it (audio-store.ts) or it is removed on failure.
 */
import { open } from 'node:fs/promises';

import { StudioError, throwIfCancelled } from '../../../app/errors.ts';
import { PeakBuilder, type Peaks } from '../audio/peaks.ts';
import { openStudioWriter, type StereoBlock } from '../audio/studio-file.ts';
import type { MediaStore } from './media-store.ts';

export interface StudioTemp {
  temp: string;
  frames: number;
  bytes: number;
  peaks: Peaks;
}

export async function writeStudioTemp(
  media: MediaStore,
  audio: AsyncIterable<StereoBlock> | Iterable<StereoBlock>,
  options: {
    maxFrames: number;
    signal?: AbortSignal;
    onFrames?: (frames: number) => void;
    /** The message when the stream holds no audio at all. */
    emptyMessage?: string;
  },
): Promise<StudioTemp> {
  const temp = await media.newTemp();
  try {
    const handle = await open(temp, 'wx');
    try {
      const writer = await openStudioWriter(handle);
      const peaks = new PeakBuilder();
      for await (const [left, right] of audio) {
        throwIfCancelled(options.signal);
        if (left.length !== right.length) {
          throw new StudioError('VALIDATION_FAILED', 'Left and right channels differ in length.');
        }
        if (writer.frames + left.length > options.maxFrames) {
          throw new StudioError(
            'TOO_LARGE',
            `Audio longer than ${Math.floor(options.maxFrames / 48_000 / 60)} minutes cannot be stored.`,
            { maxFrames: options.maxFrames },
          );
        }
        await writer.write([left, right]);
        peaks.push(left, right);
        options.onFrames?.(writer.frames);
      }
      if (writer.frames === 0) {
        throw new StudioError(
          'VALIDATION_FAILED',
          options.emptyMessage ?? 'There is no audio to store.',
        );
      }
      const { frames, bytes } = await writer.finish();
      await handle.sync();
      return { temp, frames, bytes, peaks: peaks.finish() };
    } finally {
      await handle.close();
    }
  } catch (error) {
    await media.releaseTemp(temp);
    if (error instanceof StudioError) {
      throw error;
    }
    throw new StudioError('STORAGE_FAILED', 'Could not write the audio file.', undefined, {
      cause: error,
    });
  }
}
