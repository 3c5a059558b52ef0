/** Audio media as clients see it: what is stored, how long it is and where it came from. */
import { z } from 'zod';

import { MediaHash } from './ids.ts';

export const AudioOrigin = z.enum(['import', 'generated', 'render']);
export type AudioOrigin = z.infer<typeof AudioOrigin>;

/** The original file an import decoded (kept byte for byte in the project). */
export const AudioSource = z.object({
  hash: MediaHash,
  /** Container or codec: "WAV", "AIFF", "FLAC", "MP3", "Ogg Vorbis", "Ogg Opus", "RF64". */
  format: z.string(),
  /** Sample encoding of uncompressed sources ("24-bit integer"); null for codecs. */
  encoding: z.string().nullable(),
  sampleRate: z.number().int().positive(),
  channels: z.number().int().positive(),
});
export type AudioSource = z.infer<typeof AudioSource>;

/**
 * A media item in the studio format (48 kHz stereo float32). Its hash is what clips refer to,
 * what studio-media://media/<hash> and GET /media/<hash> serve (a WAV file) and what
 * GET /media/<hash>/peaks draws.
 */
export const AudioMedia = z.object({
  hash: MediaHash,
  name: z.string(),
  /** Length in frames at 48 kHz. */
  frames: z.number().int().positive(),
  bytes: z.number().int().min(0),
  origin: AudioOrigin,
  /** The originals this audio was imported from (none for generated audio). */
  sources: z.array(AudioSource),
  createdAt: z.number().int(),
});
export type AudioMedia = z.infer<typeof AudioMedia>;

/** What a finished media.import job answers. */
export const AudioImportResult = z.object({
  media: AudioMedia,
  /** True when this exact file (or its decoded audio) was already in the project. */
  reused: z.boolean(),
  /** Things the user should know about the file, e.g. that it ends early. */
  warnings: z.array(z.string()),
});
export type AudioImportResult = z.infer<typeof AudioImportResult>;
