/**
 * How a generation job reads its sources and stores its results. The services use the audio
 * store's ports (media/inference-audio-ports.ts: any stored audio, resampled; results as
 * generated studio audio with provenance). The WAV-only ports below remain for callers that
 * work on plain media files.
 */
import { StudioError } from '../../../../app/errors.ts';
import type { GenerationProvenance } from '../../../../app/generation/result.ts';
import type { MediaHash, ProjectId } from '../../../../app/model/ids.ts';
import type { ProjectLibrary } from '../../services/project-library.ts';
import { convertWavToPcm } from './wav-to-pcm.ts';

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

/** Reads WAV sources from the library's media (48 kHz only). */
export function wavSourceReader(library: ProjectLibrary): SourceAudioReader {
  return {
    async toPcm({ mediaHash, path, sampleRate, signal }) {
      const media = library.resolveMedia(mediaHash);
      if (media === null) {
        throw new StudioError('NOT_FOUND', `No media ${mediaHash} in the library.`, { mediaHash });
      }
      return convertWavToPcm(media.path, path, sampleRate, signal);
    },
  };
}

/** Stores results as media files of the project. */
export function mediaStoreSink(library: ProjectLibrary, now: () => number): GeneratedAudioSink {
  return {
    async store({ projectId, wavPath, name, signal }) {
      const row = await library
        .session(projectId)
        .addMediaFile(wavPath, { name, mime: 'audio/wav' }, { signal, now: now() });
      return { mediaHash: row.hash };
    },
  };
}
