/**
 * Decoded audio for playback: the studio-format WAV of a media item fetched by URL and decoded
 * by the context (48 kHz stereo float in a 48 kHz context: no resampling, sample for sample).
 */
import { StudioError } from '../../../app/errors.ts';
import type { MediaHash } from '../../../app/model/ids.ts';

export function urlBufferLoader(audioUrl: (hash: MediaHash) => string) {
  return async (
    hash: MediaHash,
    context: { decodeAudioData(data: ArrayBuffer): Promise<AudioBuffer> },
  ) => {
    const response = await fetch(audioUrl(hash));
    if (!response.ok) {
      throw new StudioError(
        response.status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE',
        `The audio could not be loaded (${response.status}).`,
        { hash },
      );
    }
    return context.decodeAudioData(await response.arrayBuffer());
  };
}
