/**
 * What the export needs from the audio engine: render tracks offline, change the rate, encode,
 * all streamed in blocks so an export of any length holds one block per stage. The export
 * never mixes, resamples or encodes itself; export-audio-engine.ts adapts the studio's one
 * renderer, resampler and encoders to this shape.
 */
import type { AudioFormat } from '../../../app/export/export-options.ts';
import type { ProjectId, TrackId } from '../../../app/model/ids.ts';
import type { ProjectState } from '../../../app/model/project.ts';
import type { RiffChunk } from './formats/wav-chunks.ts';

/** Left and right samples of one block, equal length. */
export type StereoBlock = [left: Float32Array, right: Float32Array];

export interface RenderRequest {
  /** Whose stored audio the clips play. */
  projectId: ProjectId;
  state: ProjectState;
  /** The tracks to hear (mute and solo of `state` still apply). */
  trackIds: readonly TrackId[];
  /** Timeline frames [start, end) at 48 kHz. */
  range: { start: number; end: number };
}

export interface ExportAudioEngine {
  /** The mix of `request`, sample-accurate, at 48 kHz. */
  render(request: RenderRequest, signal: AbortSignal): AsyncIterable<StereoBlock>;
  /** `blocks` (48 kHz) at `sampleRate`, ending with exactly `frames` frames in all. */
  resample(
    blocks: AsyncIterable<StereoBlock>,
    sampleRate: number,
    frames: number,
    signal: AbortSignal,
  ): AsyncIterable<StereoBlock>;
  /**
   * Encodes `blocks` (at `sampleRate`) into a new file at `path`; WAV files get `before`
   * chunks ahead of their data and `after` chunks behind it. Resolves with the file's size.
   */
  encode(
    path: string,
    blocks: AsyncIterable<StereoBlock>,
    format: AudioFormat,
    sampleRate: number,
    wavChunks: { before: readonly RiffChunk[]; after: readonly RiffChunk[] },
    signal: AbortSignal,
  ): Promise<number>;
}
