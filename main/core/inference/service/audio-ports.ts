/**
 * How a generation job reads its sources and stores its results. The defaults below use the
 * project's media store directly: sources must be 48 kHz WAV files (decoding and resampling of
 * other formats belong to the audio importer, which replaces `wavSourceReader` when it lands),
 * results are stored as float32 WAV media. Provenance goes with the job result.
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
    provenance: GenerationProvenance;
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
