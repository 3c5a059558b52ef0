/**
 * The studio's audio engine as the export sees it (see export-audio.ts): the offline mix
 * renderer (audio/mix), the band-limited resampler and the WAV/FLAC/MP3 encoders of
 * main/core/audio. Glue only: no mixing, resampling or encoding happens here.
 */
import { isStudioError, throwIfCancelled } from '../../../app/errors.ts';
import type { AudioFormat } from '../../../app/export/export-options.ts';
import { encodeAudioFile, type EncodeFormat } from '../audio/encode/encode-file.ts';
import { renderMixBlocks } from '../audio/mix/mix-renderer.ts';
import { StereoResampler } from '../audio/resampler.ts';
import type { ProjectLibrary } from '../services/project-library.ts';
import type { ExportAudioEngine, StereoBlock } from './export-audio.ts';
import { exportStorageError } from './file-writer.ts';
import type { RiffChunk } from './formats/wav-chunks.ts';

const WAV_FORMAT = { int16: 'pcm16', int24: 'pcm24', float32: 'float32' } as const;

export function encodeFormatOf(
  format: AudioFormat,
  wavChunks: { before: readonly RiffChunk[]; after: readonly RiffChunk[] },
): EncodeFormat {
  switch (format.container) {
    case 'wav':
      return {
        kind: 'wav',
        sampleFormat: WAV_FORMAT[format.sampleFormat],
        chunksBeforeData: wavChunks.before,
        chunksAfterData: wavChunks.after,
      };
    case 'flac':
      return { kind: 'flac', bits: format.sampleFormat === 'int16' ? 16 : 24 };
    case 'mp3':
      return { kind: 'mp3', kbps: format.bitrateKbps };
  }
}

async function* resampled(
  blocks: AsyncIterable<StereoBlock>,
  sampleRate: number,
  frames: number,
  signal: AbortSignal,
): AsyncIterable<StereoBlock> {
  const resampler = await StereoResampler.create(48_000, sampleRate, 'best');
  let written = 0;
  try {
    for await (const [left, right] of blocks) {
      throwIfCancelled(signal);
      const out = resampler.process(left, right);
      written += out[0].length;
      yield out;
    }
    const tail = resampler.flush();
    written += tail[0].length;
    yield tail;
  } finally {
    resampler.dispose();
  }
  if (written !== frames) {
    // The plan and the resampler round the same way; a mismatch is a bug, not bad input.
    throw new Error(`Resampled to ${written} frames, planned ${frames}.`);
  }
}

/** Renders with the project's own stored audio (by the media hashes its clips name). */
export function studioExportAudio(library: ProjectLibrary): ExportAudioEngine {
  return {
    render: (request, signal) => {
      const session = library.session(request.projectId);
      return renderMixBlocks(
        (hash) => session.audio.openReader(hash),
        { state: request.state, trackIds: request.trackIds, range: request.range },
        { signal },
      );
    },
    resample: resampled,
    encode: async (path, blocks, format, sampleRate, wavChunks, signal) => {
      try {
        const written = await encodeAudioFile(path, blocks, encodeFormatOf(format, wavChunks), {
          signal,
          sampleRate,
        });
        return written.bytes;
      } catch (error) {
        // Keep the disk's own reason (a full disk) in words the user can act on.
        const cause = error instanceof Error ? error.cause : undefined;
        if (isStudioError(error, 'STORAGE_FAILED') && cause !== undefined) {
          throw exportStorageError(cause, path.split(/[\\/]/).pop() ?? 'an audio file');
        }
        throw error;
      }
    },
  };
}
