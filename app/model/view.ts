/**
 * A project's view state: the time-range selection and the track heights. It is stored in the
 * project file (so it survives a restart and reaches every window), but it is not an edit:
 *
 * - selecting is not a change to the song, so undo must step over it, never through it;
 * - an edit bumps the revision, and a selection drag in one window would then make every
 *   other window's in-flight edit fail its revision check (CONFLICT);
 * - the edit log is the song's history; selections would flood it.
 *
 * So it has its own methods (project.getView / project.setView), its own event
 * (project.viewChanged) and its own table. The generation workflows read the selection from
 * here: a time range in ticks over a set of tracks (see `selectionSamples`).
 */
import { z } from 'zod';

import { ticksToSamples } from '../timeline/tempo.ts';
import type { Bpm, SampleRate, Samples, Ticks } from '../timeline/units.ts';
import { TrackId } from './ids.ts';
import type { ProjectState } from './project.ts';

export const TRACK_HEIGHT_MIN = 40;
export const TRACK_HEIGHT_MAX = 320;
export const TRACK_HEIGHT_DEFAULT = 88;

const MAX_POSITION = 2 ** 35;
const position = z.number().int().min(0).max(MAX_POSITION);

/** A time range over a set of tracks; `end` is exclusive and after `start`. */
export const TimeSelection = z
  .object({
    start: position.brand<'Ticks'>(),
    end: position.brand<'Ticks'>(),
    trackIds: z.array(TrackId).max(1000),
  })
  .refine((range) => range.end > range.start, 'A selection ends after it starts.');
export type TimeSelection = z.infer<typeof TimeSelection>;

export const TrackHeight = z.number().int().min(TRACK_HEIGHT_MIN).max(TRACK_HEIGHT_MAX);

export const ProjectView = z.object({
  selection: TimeSelection.nullable(),
  /** Heights in CSS pixels; tracks without an entry use TRACK_HEIGHT_DEFAULT. */
  trackHeights: z.record(TrackId, TrackHeight),
});
export type ProjectView = z.infer<typeof ProjectView>;

/** What project.setView changes: absent keys stay; a height of null removes the entry. */
export const ViewPatch = z.object({
  selection: TimeSelection.nullable().optional(),
  trackHeights: z.record(TrackId, TrackHeight.nullable()).optional(),
});
export type ViewPatch = z.infer<typeof ViewPatch>;

export const DEFAULT_VIEW: ProjectView = { selection: null, trackHeights: {} };

export function applyViewPatch(view: ProjectView, patch: ViewPatch): ProjectView {
  const next: ProjectView = { ...view };
  if (patch.selection !== undefined) {
    next.selection = patch.selection;
  }
  if (patch.trackHeights !== undefined) {
    const changes = patch.trackHeights;
    const kept = Object.entries(view.trackHeights).filter(([id]) => !(id in changes));
    const set = Object.entries(changes).filter(
      (entry): entry is [string, number] => entry[1] !== null,
    );
    next.trackHeights = Object.fromEntries([...kept, ...set]);
  }
  return next;
}

/** The view without references to tracks the project no longer has. */
export function viewForState(view: ProjectView, state: ProjectState): ProjectView {
  const ids = new Set<string>(state.tracks.map((track) => track.id));
  const trackHeights = Object.fromEntries(
    Object.entries(view.trackHeights).filter(([id]) => ids.has(id)),
  ) as Record<TrackId, number>;
  let selection = view.selection;
  if (selection !== null) {
    const trackIds = selection.trackIds.filter((id) => ids.has(id));
    // A range over no tracks (a ruler drag in an empty project) stays; one whose tracks are
    // all gone does not.
    const orphaned = trackIds.length === 0 && selection.trackIds.length > 0;
    selection = orphaned ? null : { ...selection, trackIds };
  }
  return { selection, trackHeights };
}

/** The selection in timeline samples, [start, end). */
export function selectionSamples(
  selection: { start: Ticks; end: Ticks },
  tempo: Bpm,
  rate: SampleRate,
): { start: Samples; end: Samples } {
  return {
    start: ticksToSamples(selection.start, tempo, rate),
    end: ticksToSamples(selection.end, tempo, rate),
  };
}
