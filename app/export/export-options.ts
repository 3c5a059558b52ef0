/**
 * What a DAW export writes: the options a caller sends with `export.start` (validated at the
 * RPC edge) and the result the job finishes with. Ticks are the timeline's unit (PPQN 960).
 */
import { z } from 'zod';

import { ArtifactInfo } from '../contract/artifact-info.ts';
import { ClipId, TrackId } from '../model/ids.ts';

/** Largest tick position a range may name (the model's own position limit). */
const MAX_TICKS = 2 ** 35;
const tickPosition = z.number().int().min(0).max(MAX_TICKS).brand<'Ticks'>();

/** Output sample rates: the model's own 48 kHz, or 44.1 kHz resampled for CD-rate sessions. */
export const EXPORT_SAMPLE_RATES = [48_000, 44_100] as const;
export const ExportSampleRate = z.union([z.literal(48_000), z.literal(44_100)]);
export type ExportSampleRate = z.infer<typeof ExportSampleRate>;

export const MP3_BITRATES_KBPS = [128, 192, 256, 320] as const;

export const AudioFormat = z.discriminatedUnion('container', [
  z.object({
    container: z.literal('wav'),
    sampleFormat: z.enum(['int16', 'int24', 'float32']),
  }),
  z.object({ container: z.literal('flac'), sampleFormat: z.enum(['int16', 'int24']) }),
  z.object({
    container: z.literal('mp3'),
    bitrateKbps: z.union([z.literal(128), z.literal(192), z.literal(256), z.literal(320)]),
  }),
]);
export type AudioFormat = z.infer<typeof AudioFormat>;

/** The part of the timeline to export: the whole song from 0, or a range in ticks. */
export const ExportRange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('song') }),
  z.object({
    kind: z.literal('selection'),
    /** Inclusive start, in ticks. */
    start: tickPosition,
    /** Exclusive end, in ticks. */
    end: tickPosition,
  }),
]);
export type ExportRange = z.infer<typeof ExportRange>;

/**
 * How track faders reach the stems. `postFader`: each stem carries its track's gain and pan, so
 * the stems sum to the mix and project files open at unity. `preFader`: stems are dry of the
 * track fader and pan, and the project files carry each track's volume and pan instead.
 */
export const StemLevels = z.enum(['postFader', 'preFader']);
export type StemLevels = z.infer<typeof StemLevels>;

export const ExportOptions = z.object({
  range: ExportRange,
  /** Write the mix of every audible track (mute and solo applied). */
  mix: z.boolean(),
  /** Write one stem per track. */
  stems: z.boolean(),
  /** The tracks to write stems of; null = every track. Tracks without clips are skipped. */
  trackIds: z.array(TrackId).max(1000).nullable(),
  format: AudioFormat,
  sampleRate: ExportSampleRate,
  stemLevels: StemLevels,
  /** Loudness-normalise the mix (never the stems) to this integrated loudness, in LUFS. */
  normalizeMix: z.object({ targetLufs: z.number().min(-36).max(-6) }).nullable(),
  /** A MIDI file with the tempo, time signature, key signature and section markers. */
  tempoMap: z.boolean(),
  /** An LRC file beside the mix, when the song has timed lyrics. */
  lyrics: z.boolean(),
  /** Project files that open the stems in a DAW (they need stems). */
  projectFiles: z.object({ reaper: z.boolean(), dawproject: z.boolean() }),
  /** One folder, or the same content as a single zip file. */
  output: z.enum(['folder', 'zip']),
});
export type ExportOptions = z.infer<typeof ExportOptions>;

/** What engineers ask for: 24-bit WAV at the native rate, every stem, a rough mix, a tempo map. */
export function defaultExportOptions(): ExportOptions {
  return {
    range: { kind: 'song' },
    mix: true,
    stems: true,
    trackIds: null,
    format: { container: 'wav', sampleFormat: 'int24' },
    sampleRate: 48_000,
    stemLevels: 'postFader',
    normalizeMix: null,
    tempoMap: true,
    lyrics: true,
    projectFiles: { reaper: true, dawproject: true },
    output: 'folder',
  };
}

export const ExportFileRole = z.enum(['mix', 'stem', 'tempoMap', 'lyrics', 'reaper', 'dawproject']);
export type ExportFileRole = z.infer<typeof ExportFileRole>;

export const ExportedFile = z.object({
  fileName: z.string(),
  role: ExportFileRole,
  bytes: z.number().int().min(0),
});
export type ExportedFile = z.infer<typeof ExportedFile>;

/** A track the export left out, and why. */
export const SkippedTrack = z.object({
  trackId: TrackId,
  name: z.string(),
  reason: z.enum(['noClips']),
});
export type SkippedTrack = z.infer<typeof SkippedTrack>;

/** What `export.start` finishes with. */
export const ExportResult = z.object({
  /** The folder or zip, to reveal (desktop) or download (server). */
  artifact: ArtifactInfo,
  output: z.enum(['folder', 'zip']),
  files: z.array(ExportedFile),
  skipped: z.array(SkippedTrack),
  /** Facts the user should know, e.g. that the mix clips or lyrics were left out. */
  notes: z.array(z.string()),
});
export type ExportResult = z.infer<typeof ExportResult>;

/** What a drag out of the timeline renders: one track over the song, or one clip. */
export const DragOutTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('track'), trackId: TrackId }),
  z.object({ kind: z.literal('clip'), clipId: ClipId }),
]);
export type DragOutTarget = z.infer<typeof DragOutTarget>;
