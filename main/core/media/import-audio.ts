/**
 * The media.import job's work: copy the user's file into the project (hashing it), decode the
 * copy to the studio format while writing it, then commit both. Decoding the copy, not the
 * original, means a file that changes during the import cannot tear the result.
 */
import { stat } from 'node:fs/promises';

import { StudioError } from '../../../app/errors.ts';
import type { JobPhase } from '../../../app/jobs/progress.ts';
import type { Logger } from '../../../app/log.ts';
import type { AudioImportResult } from '../../../app/model/media.ts';
import type { AudioDecoder } from '../audio/decode/audio-decoder.ts';
import { CompressedDecoder } from '../audio/decode/compressed-decoder.ts';
import { openAudioDecoder } from '../audio/decode/open-decoder.ts';
import { type SourceShape, toStudioFormat } from '../audio/to-studio-format.ts';
import { type AudioStore, MAX_STUDIO_FRAMES, type PendingSource } from './audio-store.ts';
import { type StudioTemp, writeStudioTemp } from './studio-temp.ts';

export interface ImportContext {
  signal: AbortSignal;
  log: Logger;
  progress: (phase: JobPhase, fraction: number) => void;
}

/** The phase plan of a media.import job (see JobSpec.plan). */
export const IMPORT_PLAN = [
  ['read', 0.1],
  ['decode', 0.8],
  ['write', 0.1],
] as const;

function warningsOf(decoder: AudioDecoder): string[] {
  const warnings: string[] = [];
  if (decoder.truncated) {
    warnings.push('The file ends before the audio its header announces; the rest is missing.');
  }
  if (decoder.repaired > 0) {
    warnings.push(
      `${decoder.repaired} samples were not numbers (NaN or infinite) and became silence.`,
    );
  }
  if (decoder instanceof CompressedDecoder && decoder.decodeErrors > 0) {
    warnings.push(`${decoder.decodeErrors} damaged frames were skipped.`);
  }
  return warnings;
}

/** Decodes the copied original into a studio temp, reporting decode progress. */
async function decodeToStudio(
  audio: AudioStore,
  path: string,
  context: ImportContext,
): Promise<{ decoder: AudioDecoder; studio: StudioTemp; shape: SourceShape }> {
  const decoder = await openAudioDecoder(path);
  let shape: SourceShape | null = null;
  try {
    const studio = await writeStudioTemp(
      audio.media,
      toStudioFormat(decoder, {
        signal: context.signal,
        onShape: (found) => {
          shape = found;
        },
      }),
      {
        maxFrames: MAX_STUDIO_FRAMES,
        signal: context.signal,
        onFrames: () => {
          context.progress('decode', decoder.bytesConsumed / Math.max(1, decoder.totalBytes));
        },
        emptyMessage: `No audio could be decoded from this ${decoder.description.format} file.`,
      },
    );
    const found = shape as SourceShape | null;
    if (found === null) {
      await audio.media.releaseTemp(studio.temp);
      throw new StudioError('INTERNAL', 'The decoder produced audio without a shape.');
    }
    return { decoder, studio, shape: found };
  } finally {
    await decoder.close();
  }
}

export async function importAudioFile(
  audio: AudioStore,
  file: { path: string; name: string },
  context: ImportContext,
): Promise<AudioImportResult> {
  const { signal } = context;
  await audio.ready();
  context.progress('read', 0);
  const size = await stat(file.path).then(
    (info) => info.size,
    (error: unknown) => {
      throw new StudioError(
        'NOT_FOUND',
        `${file.name} is no longer where it was chosen.`,
        undefined,
        {
          cause: error,
        },
      );
    },
  );
  const copied = await audio.media.copyToTemp(file.path, {
    signal,
    onBytes: (done) => {
      context.progress('read', size > 0 ? Math.min(1, done / size) : 0);
    },
  });
  let released = false;
  const release = async () => {
    if (!released) {
      released = true;
      await audio.media.releaseTemp(copied.temp);
    }
  };
  try {
    context.progress('read', 1);
    const known = audio.findBySource(copied.hash);
    if (known !== null) {
      await release();
      context.log.info('import.reused', { hash: known.hash });
      return { media: known, reused: true, warnings: [] };
    }
    const { decoder, studio, shape } = await decodeToStudio(audio, copied.temp, context);
    context.progress('write', 0);
    const pending: PendingSource = {
      temp: copied.temp,
      row: {
        hash: copied.hash,
        mime: decoder.description.mime,
        bytes: copied.bytes,
        name: file.name,
      },
      source: {
        sourceHash: copied.hash,
        format: decoder.description.format,
        encoding: decoder.description.encoding,
        sampleRate: shape.sampleRate,
        channels: shape.channels,
      },
    };
    released = true; // commit owns the source temp from here on
    const committed = await audio.commit(
      studio,
      pending,
      { name: file.name, origin: 'import', provenance: null },
      signal,
    );
    context.progress('write', 1);
    const warnings = warningsOf(decoder);
    context.log.info('import.stored', {
      hash: committed.media.hash,
      format: decoder.description.format,
      frames: committed.media.frames,
      warnings: warnings.length,
    });
    return { media: committed.media, reused: committed.reused, warnings };
  } finally {
    await release();
  }
}
