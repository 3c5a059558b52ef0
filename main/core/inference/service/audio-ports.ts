/**
 * How a generation job reads its sources and stores its results. The services use the audio
 * store's implementation (media/inference-audio-ports.ts: any stored audio, resampled; results
 * as generated studio audio with provenance).
 */
import type { GenerationProvenance } from '../../../../app/generation/result.ts';
import type { MediaHash, ProjectId } from '../../../../app/model/ids.ts';

export interface SourceAudioReader {
  /**
   * Writes the stored media `mediaHash` as interleaved stereo float32 PCM at `sampleRate` to
   * `path`; returns its length in samples per channel.
   */
  toPcm(input: {
    projectId: ProjectId;
    mediaHash: MediaHash;
    path: string;
    sampleRate: number;
    signal: AbortSignal;
  }): Promise<{ samples: number }>;
}

export interface GeneratedAudioSink {
  /** Stores a finished 48 kHz stereo float32 WAV in the project; returns its media hash. */
  store(input: {
    projectId: ProjectId;
    wavPath: string;
    name: string;
    /** The generation's provenance, or that plus a caller's lineage record (plain JSON). */
    provenance: GenerationProvenance | Record<string, unknown>;
    signal: AbortSignal;
  }): Promise<{ mediaHash: MediaHash }>;
}
