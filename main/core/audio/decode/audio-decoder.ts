/** What every decoder gives the importer: planar float blocks and what it found. */
import type { ChannelOrder, Speaker } from '../channel-layout.ts';

export interface DecodedBlock {
  /** Planar channels of equal length. */
  channels: Float32Array[];
  sampleRate: number;
}

export interface SourceDescription {
  /** Container or codec, as the user knows it: "WAV", "FLAC", "MP3", "Ogg Vorbis". */
  format: string;
  /** e.g. "24-bit integer"; null for lossy codecs. */
  encoding: string | null;
  /** The MIME type the original is served with. */
  mime: string;
}

export interface AudioDecoder {
  readonly description: SourceDescription;
  /** Channel order convention of multichannel streams (for the ITU downmix). */
  readonly channelOrder: ChannelOrder;
  /** Speakers of each channel when the file says. */
  readonly speakers: Speaker[] | null;
  /** Input bytes consumed so far, for progress; `totalBytes` is the file size. */
  readonly bytesConsumed: number;
  readonly totalBytes: number;
  /** Samples replaced because they were not finite numbers. */
  readonly repaired: number;
  /** True when the file held less audio than its header declared. */
  readonly truncated: boolean;
  blocks(signal?: AbortSignal): AsyncGenerator<DecodedBlock>;
  close(): Promise<void>;
}
