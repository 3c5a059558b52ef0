/**
 * The generation service's audio ports (inference/service/audio-ports.ts) backed by the audio
 * store: sources are any stored audio item, read as 48 kHz stereo float32 and resampled by
 * the studio's resampler when the process wants another rate; results go in as studio audio
 * (an `audio` row with origin 'generated' and the provenance), so they list in media.list,
 * play, mix, export and have peaks like any import. (Non-finite samples become silence, as in
 * any import.)
 */
import { open } from 'node:fs/promises';

import { StudioError, throwIfCancelled } from '../../../app/errors.ts';
import type { MediaHash, ProjectId } from '../../../app/model/ids.ts';
import { STUDIO_SAMPLE_RATE } from '../../../app/timeline/units.ts';
import { openAudioDecoder } from '../audio/decode/open-decoder.ts';
import { StereoResampler } from '../audio/resampler.ts';
import type { StereoBlock } from '../audio/studio-file.ts';
import { toStudioFormat } from '../audio/to-studio-format.ts';
import type { GeneratedAudioSink, SourceAudioReader } from '../inference/service/audio-ports.ts';
import type { ProjectLibrary } from '../services/project-library.ts';

const BLOCK = 1 << 16;

function interleave([left, right]: StereoBlock): Uint8Array {
  const out = new Float32Array(left.length * 2);
  for (let i = 0; i < left.length; i += 1) {
    out[2 * i] = left[i] as number;
    out[2 * i + 1] = right[i] as number;
  }
  return new Uint8Array(out.buffer);
}

/** Stereo 48 kHz blocks of a stored item: its studio file, or any other stored media decoded. */
async function* sourceBlocks(
  library: ProjectLibrary,
  projectId: ProjectId,
  mediaHash: MediaHash,
  signal: AbortSignal,
): AsyncGenerator<StereoBlock> {
  const session = library.session(projectId);
  if (session.store.audio.get(mediaHash) !== null) {
    const reader = await session.audio.openReader(mediaHash);
    try {
      for (let at = 0; at < reader.frames; at += BLOCK) {
        throwIfCancelled(signal);
        yield await reader.read(at, Math.min(BLOCK, reader.frames - at));
      }
    } finally {
      await reader.close();
    }
    return;
  }
  if (session.store.media(mediaHash) === null) {
    throw new StudioError('NOT_FOUND', 'This project has no such audio.', { mediaHash });
  }
  // A media file stored without import (older projects): decode it like an import would.
  const decoder = await openAudioDecoder(session.media.pathOf(mediaHash));
  try {
    yield* toStudioFormat(decoder, { signal });
  } finally {
    await decoder.close();
  }
}

/** Sources: a project's stored audio as interleaved stereo float32 PCM at the asked rate. */
export function studioSourceReader(library: ProjectLibrary): SourceAudioReader {
  return {
    async toPcm({ projectId, mediaHash, path, sampleRate, signal }) {
      const blocks = sourceBlocks(library, projectId, mediaHash, signal);
      const resampler =
        sampleRate === STUDIO_SAMPLE_RATE
          ? null
          : await StereoResampler.create(STUDIO_SAMPLE_RATE, sampleRate);
      const out = await open(path, 'w');
      let written = 0;
      const write = async (block: StereoBlock) => {
        const bytes = interleave(block);
        await out.write(bytes, 0, bytes.length, written * 8);
        written += block[0].length;
      };
      try {
        for await (const block of blocks) {
          await write(resampler === null ? block : resampler.process(block[0], block[1]));
        }
        if (resampler !== null) {
          await write(resampler.flush());
        }
        await out.sync();
        return { samples: written };
      } finally {
        resampler?.dispose();
        await out.close();
      }
    },
  };
}

/** Results: a finished WAV from the inference process stored as generated studio audio. */
export function studioGeneratedSink(library: ProjectLibrary): GeneratedAudioSink {
  return {
    async store({ projectId, wavPath, name, provenance, signal }) {
      const decoder = await openAudioDecoder(wavPath);
      try {
        const { media } = await library
          .session(projectId)
          .audio.storeStudioAudio(
            toStudioFormat(decoder, { signal }),
            { name, origin: 'generated', provenance },
            { signal },
          );
        return { mediaHash: media.hash };
      } finally {
        await decoder.close();
      }
    },
  };
}
