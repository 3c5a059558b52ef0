/** The project model: metadata, tracks and clips. Shapes are zod schemas, validated at edges. */
import { z } from 'zod';

import { STUDIO_SAMPLE_RATE } from '../timeline/units.ts';
import { ClipId, MediaHash, ProjectId, TrackId } from './ids.ts';
import { Instrument } from './instrument.ts';
import { ProjectTakes } from './takes.ts';

/** Largest stored tick or sample position (about 8 days of audio at 48 kHz). */
const MAX_POSITION = 2 ** 35;

/** A user-visible name: trimmed, 1..max characters, no control characters. */
export const displayName = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'A name cannot be empty.')
    .max(max, `A name can have at most ${max} characters.`)
    .regex(/^[^\p{Cc}]*$/u, 'A name cannot contain control characters.');

export const ProjectName = displayName(120);

const position = z.number().int().min(0).max(MAX_POSITION);
const levelDb = z.number().min(-96).max(12).brand<'Db'>();

export const TimeSignature = z.object({
  numerator: z.number().int().min(1).max(32),
  denominator: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16)]),
});
export type TimeSignature = z.infer<typeof TimeSignature>;

export const TONICS = [
  'C', 'C#', 'Db', 'D', 'D#', 'Eb', 'E', 'F', 'F#', 'Gb', 'G', 'G#', 'Ab', 'A', 'A#', 'Bb', 'B',
] as const; // prettier-ignore

export const MusicalKey = z.object({
  tonic: z.enum(TONICS),
  mode: z.enum(['major', 'minor']),
});
export type MusicalKey = z.infer<typeof MusicalKey>;

export const ProjectMeta = z.object({
  tempo: z.number().min(20).max(400).brand<'Bpm'>(),
  timeSignature: TimeSignature,
  key: MusicalKey.nullable(),
  sampleRate: z.literal(STUDIO_SAMPLE_RATE),
});
export type ProjectMeta = z.infer<typeof ProjectMeta>;

export const TrackFields = z.object({
  name: displayName(80),
  instrument: Instrument,
  color: z.string().regex(/^#[0-9a-f]{6}$/, 'A colour is #rrggbb in lower case.'),
  gainDb: levelDb,
  /** -1 = hard left, 0 = centre, 1 = hard right. */
  pan: z.number().min(-1).max(1),
  mute: z.boolean(),
  solo: z.boolean(),
});
export type TrackFields = z.infer<typeof TrackFields>;

export const Track = TrackFields.extend({ id: TrackId });
export type Track = z.infer<typeof Track>;

export const ClipFields = z.object({
  trackId: TrackId,
  /** Position on the timeline, in ticks. */
  start: position.brand<'Ticks'>(),
  /** Length on the timeline, in ticks. */
  length: position.min(1).brand<'Ticks'>(),
  mediaHash: MediaHash,
  /** Where in the source media the clip starts, in samples. */
  sourceOffset: position.brand<'Samples'>(),
  gainDb: levelDb,
  /** Fade lengths in samples. */
  fadeIn: position.brand<'Samples'>(),
  fadeOut: position.brand<'Samples'>(),
  name: displayName(120),
});
export type ClipFields = z.infer<typeof ClipFields>;

export const Clip = ClipFields.extend({ id: ClipId });
export type Clip = z.infer<typeof Clip>;

/** Everything an edit can change. Track order is array order; clips are sorted by id. */
export const ProjectState = z.object({
  meta: ProjectMeta,
  tracks: z.array(Track),
  clips: z.array(Clip),
  /** Takes and versions by clip id (takes.ts); absent or empty when no clip has any. */
  takes: ProjectTakes.optional(),
});
export type ProjectState = z.infer<typeof ProjectState>;

export const ProjectSummary = z.object({
  projectId: ProjectId,
  name: z.string(),
  /** Epoch milliseconds. */
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  openedAt: z.number().int().nullable(),
  trackCount: z.number().int().min(0),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const HistoryState = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
});
export type HistoryState = z.infer<typeof HistoryState>;

export const ProjectSnapshot = z.object({
  projectId: ProjectId,
  name: z.string(),
  /** Increases by one with every applied edit batch, undo or redo. */
  revision: z.number().int().min(0),
  state: ProjectState,
  history: HistoryState,
});
export type ProjectSnapshot = z.infer<typeof ProjectSnapshot>;

export const DEFAULT_TRACK_COLORS = [
  '#e0685b', '#e9a23b', '#d9cf4a', '#6cc36a', '#3fb8a5', '#4aa3df', '#7b7fe8', '#c173d9',
] as const; // prettier-ignore

export function defaultProjectMeta(): ProjectMeta {
  return ProjectMeta.parse({
    tempo: 120,
    timeSignature: { numerator: 4, denominator: 4 },
    key: null,
    sampleRate: STUDIO_SAMPLE_RATE,
  });
}
