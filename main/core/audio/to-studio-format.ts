/**
 * A decoder's blocks in the studio format: stereo (mono duplicated, surround downmixed by the
 * ITU matrix) at 48 kHz (resampled by libsamplerate when the source rate differs).
 */
import { STUDIO_SAMPLE_RATE } from '../../../app/timeline/units.ts';
import { stereoMatrix, toStereo } from './channel-layout.ts';
import type { AudioDecoder } from './decode/audio-decoder.ts';
import { StereoResampler } from './resampler.ts';
import type { StereoBlock } from './studio-file.ts';

export interface SourceShape {
  /** The source's own rate and channel count (of its first block). */
  sampleRate: number;
  channels: number;
}

/** Yields studio blocks; `onShape` is told the source's rate and channels once known. */
export async function* toStudioFormat(
  decoder: AudioDecoder,
  options: { signal?: AbortSignal; onShape?: (shape: SourceShape) => void },
): AsyncGenerator<StereoBlock> {
  let resampler: StereoResampler | null = null;
  let shaped = false;
  try {
    for await (const block of decoder.blocks(options.signal)) {
      const count = block.channels.length;
      if (!shaped) {
        shaped = true;
        options.onShape?.({ sampleRate: block.sampleRate, channels: count });
      }
      const speakers = decoder.speakers?.length === count ? decoder.speakers : null;
      const stereo = toStereo(block.channels, stereoMatrix(count, decoder.channelOrder, speakers));
      if (block.sampleRate === STUDIO_SAMPLE_RATE) {
        yield stereo;
        continue;
      }
      resampler ??= await StereoResampler.create(block.sampleRate, STUDIO_SAMPLE_RATE);
      const out = resampler.process(stereo[0], stereo[1]);
      if (out[0].length > 0) {
        yield out;
      }
    }
    if (resampler !== null) {
      const tail = resampler.flush();
      if (tail[0].length > 0) {
        yield tail;
      }
    }
  } finally {
    resampler?.dispose();
  }
}
