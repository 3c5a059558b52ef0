/**
 * How a generation job reads its sources and stores its results, over the project's audio
 * store (main/core/media/audio-store.ts). Every audio item there is a studio file (48 kHz
 * stereo float32 WAV), so the inference process reads a source's samples straight from it (no
 * copy); results are streamed from the process's WAV into the store with their provenance.
 */
import { open } from 'node:fs/promises';

import { StudioError, throwIfCancelled } from '../../../../app/errors.ts';
import type { GenerationProvenance } from '../../../../app/generation/result.ts';
import type { MediaHash, ProjectId } from '../../../../app/model/ids.ts';
import { FileBytes } from '../../audio/decode/file-bytes.ts';
import { readWavLayout } from '../../audio/decode/wav-header.ts';
import type { StereoBlock } from '../../audio/studio-file.ts';
import type { ProjectLibrary } from '../../services/project-library.ts';
import type { PcmInput } from '../audio-io/pcm-file.ts';

export interface SourceAudioReader {
  /** The stored audio item as PCM the inference process can read (48 kHz stereo float32). */
  resolve(input: { projectId: ProjectId; mediaHash: MediaHash }): Promise<PcmInput>;
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

/** The sample data of a stored studio file: its path, frames and where the samples start. */
export function studioSourceReader(library: ProjectLibrary): SourceAudioReader {
  return {
    async resolve({ projectId, mediaHash }) {
      const session = library.session(projectId);
      const item = session.audio.get(mediaHash); // NOT_FOUND when the project has no such audio
      const path = session.media.pathOf(mediaHash);
      const file = await FileBytes.open(path);
      try {
        const layout = await readWavLayout(file);
        const studio =
          layout.encoding.kind === 'float' &&
          layout.encoding.bits === 32 &&
          layout.channels === 2 &&
          layout.sampleRate === 48000;
        if (!studio) {
          throw new StudioError(
            'STORAGE_FAILED',
            'A stored audio file is not in the studio format.',
            { mediaHash },
          );
        }
        return {
          path,
          samples: Math.min(item.frames, layout.frames),
          byteOffset: layout.dataOffset,
        };
      } finally {
        await file.close();
      }
    },
  };
}

const BLOCK_FRAMES = 1 << 16;
const WAV_HEADER_BYTES = 44;

/** The samples of a WavFloatWriter file as stereo blocks, read a block at a time. */
async function* wavBlocks(path: string, signal: AbortSignal): AsyncGenerator<StereoBlock> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const frames = Math.floor((size - WAV_HEADER_BYTES) / 8);
    const bytes = Buffer.alloc(BLOCK_FRAMES * 8);
    for (let start = 0; start < frames; start += BLOCK_FRAMES) {
      throwIfCancelled(signal);
      const count = Math.min(BLOCK_FRAMES, frames - start);
      await handle.read(bytes, 0, count * 8, WAV_HEADER_BYTES + start * 8);
      const interleaved = new Float32Array(bytes.buffer, bytes.byteOffset, count * 2);
      const left = new Float32Array(count);
      const right = new Float32Array(count);
      for (let i = 0; i < count; i += 1) {
        left[i] = interleaved[2 * i] ?? 0;
        right[i] = interleaved[2 * i + 1] ?? 0;
      }
      yield [left, right];
    }
  } finally {
    await handle.close();
  }
}

/** Stores results as generated audio of the project, provenance attached. */
export function audioStoreSink(library: ProjectLibrary): GeneratedAudioSink {
  return {
    async store({ projectId, wavPath, name, provenance, signal }) {
      const { media } = await library
        .session(projectId)
        .audio.storeStudioAudio(
          wavBlocks(wavPath, signal),
          { name, origin: 'generated', provenance },
          { signal },
        );
      return { mediaHash: media.hash };
    },
  };
}
