/**
 * Where a workflow's results land, as ONE edit batch (one undo step): new tracks, new clips
 * with their takes, new versions of existing clips, muted sources. Built against the project
 * as it is when the run finishes (the user may have edited meanwhile): a target track that is
 * gone becomes a new track, a clip that is gone gets its new version as a new clip where it
 * was. Pure: ids and the clock come from the caller.
 */
import type { EditOp } from '../model/edits.ts';
import type { ClipId, MediaHash, TrackId } from '../model/ids.ts';
import { type AceTrackClass, instrumentLabel } from '../model/instrument.ts';
import {
  type Clip,
  DEFAULT_TRACK_COLORS,
  type ProjectState,
  type Track,
} from '../model/project.ts';
import { appendTakes, type ClipTake } from '../model/takes.ts';
import type { Db, Samples, Ticks } from '../timeline/units.ts';

/** A track a placement uses: one that exists, or one the batch creates (shared by `key`). */
export type TrackSpec = { existing: TrackId; fallback: NewTrackSpec } | { create: NewTrackSpec };

export interface NewTrackSpec {
  /** Placements naming the same key share one new track. */
  key: string;
  name: string;
  trackClass: AceTrackClass | null;
  /** Custom instrument label when there is no class. */
  label?: string;
  /** Insert right below this track (after earlier new tracks below it); else at the end. */
  below?: TrackId;
  mute?: boolean;
}

export type Placement =
  | {
      type: 'clip';
      track: TrackSpec;
      start: Ticks;
      length: Ticks;
      sourceOffset: Samples;
      name: string;
      /** The first is what the clip plays; with more than one, all become its takes. */
      takes: ClipTake[];
    }
  | {
      type: 'version';
      clipId: ClipId;
      /** Takes to add; the first becomes what the clip plays. */
      takes: ClipTake[];
      /** The clip's audio before, kept as the first take when it had none. */
      original: ClipTake;
      /** Where to put a new clip instead, if the clip is gone by then. */
      fallback: Omit<Clip, 'id' | 'mediaHash'>;
    }
  | { type: 'mute'; trackIds: TrackId[] };

export interface PlacementResult {
  edits: EditOp[];
  trackIds: TrackId[];
  clipIds: ClipId[];
  notes: string[];
}

/** A clip name from free text: trimmed, control characters out, at most 60 characters. */
export function clipNameFrom(text: string, fallback: string): string {
  const clean = text
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const name = clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
  return name === '' ? fallback : name;
}

function newTrack(spec: NewTrackSpec, id: TrackId, colorIndex: number): Track {
  return {
    id,
    name: spec.name.slice(0, 80),
    instrument:
      spec.trackClass === null
        ? { kind: 'custom', label: (spec.label ?? spec.name).slice(0, 40) }
        : { kind: 'ace', trackClass: spec.trackClass },
    color: DEFAULT_TRACK_COLORS[colorIndex % DEFAULT_TRACK_COLORS.length] as string,
    gainDb: 0 as Db,
    pan: 0,
    mute: spec.mute ?? false,
    solo: false,
  };
}

class Batch {
  readonly edits: EditOp[] = [];
  readonly trackIds: TrackId[] = [];
  readonly clipIds: ClipId[] = [];
  readonly notes: string[] = [];
  readonly #created = new Map<string, TrackId>();
  /** Track order as the batch leaves it (for insertion indexes). */
  readonly #order: TrackId[];
  readonly #state: ProjectState;
  readonly #makeTrackId: () => TrackId;

  constructor(state: ProjectState, makeTrackId: () => TrackId) {
    this.#state = state;
    this.#order = state.tracks.map((track) => track.id);
    this.#makeTrackId = makeTrackId;
  }

  exists(trackId: TrackId): boolean {
    return this.#order.includes(trackId);
  }

  track(spec: TrackSpec): TrackId {
    if ('existing' in spec) {
      if (this.exists(spec.existing)) {
        return spec.existing;
      }
      this.notes.push(
        `The target track was deleted; the result is on a new track "${spec.fallback.name}".`,
      );
      return this.track({ create: spec.fallback });
    }
    const known = this.#created.get(spec.create.key);
    if (known !== undefined) {
      return known;
    }
    const id = this.#makeTrackId();
    const below = spec.create.below;
    let index = this.#order.length;
    if (below !== undefined && this.exists(below)) {
      index = this.#order.indexOf(below) + 1;
      // After the tracks this batch already put below the same track.
      while (index < this.#order.length && this.trackIds.includes(this.#order[index] as TrackId)) {
        index += 1;
      }
    }
    this.#order.splice(index, 0, id);
    const track = newTrack(spec.create, id, this.#state.tracks.length + this.trackIds.length);
    this.edits.push({ op: 'track.add', track, index });
    this.trackIds.push(id);
    this.#created.set(spec.create.key, id);
    return id;
  }
}

function takeList(takes: readonly ClipTake[]): ClipTake[] | null {
  return takes.length > 1 ? [...takes] : null;
}

/** The edit batch that places `placements` in `state`. */
export function placementEdits(
  state: ProjectState,
  placements: readonly Placement[],
  ids: { track: () => TrackId; clip: () => ClipId },
): PlacementResult {
  const batch = new Batch(state, ids.track);
  for (const placement of placements) {
    if (placement.type === 'mute') {
      for (const trackId of placement.trackIds) {
        const track = state.tracks.find((candidate) => candidate.id === trackId);
        if (track !== undefined && !track.mute) {
          batch.edits.push({ op: 'track.update', trackId, patch: { mute: true } });
        }
      }
      continue;
    }
    if (placement.type === 'clip') {
      placeClip(batch, placement, ids.clip());
      continue;
    }
    placeVersion(state, batch, placement, ids.clip);
  }
  return {
    edits: batch.edits,
    trackIds: batch.trackIds,
    clipIds: batch.clipIds,
    notes: batch.notes,
  };
}

function placeClip(
  batch: Batch,
  placement: Extract<Placement, { type: 'clip' }>,
  clipId: ClipId,
): void {
  const first = placement.takes[0];
  if (first === undefined) {
    return;
  }
  const trackId = batch.track(placement.track);
  batch.edits.push({
    op: 'clip.add',
    clip: {
      id: clipId,
      trackId,
      start: placement.start,
      length: placement.length,
      mediaHash: first.mediaHash,
      sourceOffset: placement.sourceOffset,
      gainDb: 0 as Db,
      fadeIn: 0 as Samples,
      fadeOut: 0 as Samples,
      name: placement.name,
    },
  });
  const list = takeList(placement.takes);
  if (list !== null) {
    batch.edits.push({ op: 'clip.setTakes', clipId, takes: list });
  }
  batch.clipIds.push(clipId);
}

function placeVersion(
  state: ProjectState,
  batch: Batch,
  placement: Extract<Placement, { type: 'version' }>,
  makeClipId: () => ClipId,
): void {
  const first = placement.takes[0];
  if (first === undefined) {
    return;
  }
  const clip = state.clips.find((candidate) => candidate.id === placement.clipId);
  if (clip === undefined) {
    const { fallback } = placement;
    const id = makeClipId();
    const trackId = batch.exists(fallback.trackId)
      ? fallback.trackId
      : batch.track({
          create: {
            key: `version-${placement.clipId}`,
            name: fallback.name,
            trackClass: null,
            label: 'Audio',
          },
        });
    batch.notes.push(`The clip "${fallback.name}" was deleted; its new version is a new clip.`);
    batch.edits.push({
      op: 'clip.add',
      clip: { ...fallback, id, trackId, mediaHash: first.mediaHash },
    });
    const list = [placement.original, ...placement.takes];
    batch.edits.push({ op: 'clip.setTakes', clipId: id, takes: list });
    batch.clipIds.push(id);
    return;
  }
  const list = appendTakes(state, clip.id, placement.takes, placement.original);
  batch.edits.push({ op: 'clip.setTakes', clipId: clip.id, takes: list });
  if (clip.mediaHash !== first.mediaHash) {
    batch.edits.push({ op: 'clip.update', clipId: clip.id, patch: { mediaHash: first.mediaHash } });
  }
  batch.clipIds.push(clip.id);
}

/** A take of stored audio. */
export function takeOf(
  mediaHash: MediaHash,
  fields: Pick<ClipTake, 'label' | 'seed' | 'loudnessLufs' | 'kind'>,
  now: number,
): ClipTake {
  return { mediaHash, ...fields, createdAt: now };
}

/** The default name of a new track for a class ("Drums"). */
export const classTrackName = (trackClass: AceTrackClass): string =>
  instrumentLabel({ kind: 'ace', trackClass });
