/**
 * What the export needs from the audio engine: render tracks offline, change the rate, encode.
 * The export never mixes, resamples or encodes itself; `studioExportAudio` (export-audio-
 * engine.ts) adapts the studio's one renderer, resampler and encoders to this shape.
 */
import type { AudioFormat } from '../../../app/export/export-options.ts';
import type { TrackId } from '../../../app/model/ids.ts';
import type { ProjectState } from '../../../app/model/project.ts';
import type { RiffChunk } from './formats/wav-chunks.ts';

/** Stereo float audio, one array per channel, all the same length. */
export interface StereoBuffer {
  sampleRate: number;
  channels: [Float32Array, Float32Array];
}

export interface RenderRequest {
  state: ProjectState;
  /** The tracks to hear (mute and solo of `state` still apply). */
  trackIds: readonly TrackId[];
  /** First frame on the timeline, at 48 kHz. */
  start: number;
  /** Frames to render, at 48 kHz. */
  frames: number;
}

/** Tags an encoder writes: RIFF chunks into WAV, Vorbis comments into FLAC, ID3v2 into MP3. */
export interface AudioFileTags {
  title: string;
  album: string;
  artist?: string;
  trackNumber?: { number: number; total: number };
  bpm: number;
  /** "Am", "C#", … or null when unknown. */
  key: string | null;
  comment: string;
  /** Extra chunks for WAV files (bext, acid), placed before the data chunk. */
  wavChunks: readonly RiffChunk[];
}

export interface ExportAudioEngine {
  /** Renders `request` sample-accurately at 48 kHz. */
  render(request: RenderRequest, signal: AbortSignal): Promise<StereoBuffer>;
  /** `buffer` at `sampleRate`, exactly `frames` long (band-limited). */
  resample(
    buffer: StereoBuffer,
    sampleRate: number,
    frames: number,
    signal: AbortSignal,
  ): Promise<StereoBuffer>;
  /** The bytes of one audio file. */
  encode(
    buffer: StereoBuffer,
    format: AudioFormat,
    tags: AudioFileTags,
    signal: AbortSignal,
  ): Promise<Uint8Array>;
}
