/** Streaming decode of WAV/RF64/AIFF: fixed-size blocks read straight from the file. */
import { throwIfCancelled } from '../../../../app/errors.ts';
import { bytesPerSample, describeEncoding, interleavedToPlanar } from '../pcm-format.ts';
import type { AudioDecoder, DecodedBlock, SourceDescription } from './audio-decoder.ts';
import type { FileBytes } from './file-bytes.ts';
import type { PcmLayout } from './pcm-layout.ts';

/** Frames per block: 64 Ki frames is 0.5 MB of stereo 32-bit input. */
export const PCM_BLOCK_FRAMES = 65_536;

const MIME: Record<PcmLayout['container'], string> = {
  WAV: 'audio/wav',
  RF64: 'audio/wav',
  AIFF: 'audio/aiff',
  'AIFF-C': 'audio/aiff',
};

export class PcmDecoder implements AudioDecoder {
  readonly description: SourceDescription;
  readonly channelOrder = 'wav' as const;
  readonly speakers;
  readonly totalBytes: number;
  readonly truncated: boolean;
  bytesConsumed = 0;
  repaired = 0;
  readonly #file: FileBytes;
  readonly #layout: PcmLayout;

  constructor(file: FileBytes, layout: PcmLayout) {
    this.#file = file;
    this.#layout = layout;
    this.totalBytes = file.size;
    this.truncated = layout.truncated;
    this.speakers = layout.speakers;
    this.description = {
      format: layout.container,
      encoding: describeEncoding(layout.encoding),
      mime: MIME[layout.container],
    };
  }

  async *blocks(signal?: AbortSignal): AsyncGenerator<DecodedBlock> {
    const { encoding, channels, frames, dataOffset, sampleRate } = this.#layout;
    const frameBytes = bytesPerSample(encoding) * channels;
    for (let frame = 0; frame < frames; frame += PCM_BLOCK_FRAMES) {
      throwIfCancelled(signal);
      const count = Math.min(PCM_BLOCK_FRAMES, frames - frame);
      const bytes = await this.#file.read(dataOffset + frame * frameBytes, count * frameBytes);
      const converted = interleavedToPlanar(bytes, encoding, channels);
      this.repaired += converted.repaired;
      this.bytesConsumed = dataOffset + frame * frameBytes + bytes.length;
      if ((converted.channels[0]?.length ?? 0) > 0) {
        yield { channels: converted.channels, sampleRate };
      }
      if (bytes.length < count * frameBytes) {
        break;
      }
    }
    this.bytesConsumed = this.totalBytes;
  }

  close(): Promise<void> {
    return this.#file.close();
  }
}
