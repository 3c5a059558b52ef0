/**
 * How a generation job reads its sources and stores its results. Sources are read from the
 * project's media as 48 kHz WAV files (studio files are; decoding and resampling of other
 * formats belong to the audio importer). Results go into the project's audio store as studio
 * files (so media.list, peaks and the mixer see them) with their provenance JSON beside them.
 */
import { StudioError } from '../../../../app/errors.ts';
import type { GenerationProvenance } from '../../../../app/generation/result.ts';
import type { MediaHash, ProjectId } from '../../../../app/model/ids.ts';
import { type StereoBlock, StudioAudioReader } from '../../audio/studio-file.ts';
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
    /** The generation's provenance, or that plus a caller's lineage record (any JSON). */
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

const STORE_BLOCK_FRAMES = 1 << 16;

async function* wavBlocks(path: string): AsyncGenerator<StereoBlock> {
  const reader = await StudioAudioReader.open(path);
  try {
    for (let at = 0; at < reader.frames; at += STORE_BLOCK_FRAMES) {
      yield await reader.read(at, Math.min(STORE_BLOCK_FRAMES, reader.frames - at));
    }
  } finally {
    await reader.close();
  }
}

/** Stores results in the project's audio store (origin "generated", provenance kept). */
export function audioStoreSink(library: ProjectLibrary): GeneratedAudioSink {
  return {
    async store({ projectId, wavPath, name, provenance, signal }) {
      const { media } = await library
        .session(projectId)
        .audio.storeStudioAudio(
          wavBlocks(wavPath),
          { name, origin: 'generated', provenance },
          { signal },
        );
      return { mediaHash: media.hash };
    },
  };
}
