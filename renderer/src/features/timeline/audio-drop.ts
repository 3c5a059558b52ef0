/**
 * Where imported audio lands: dropped on a lane, each file goes to that track and the ones
 * below it (new tracks when they run out); dropped below the last track, each gets a new
 * track. The clip starts at the drop position and is as long as the audio.
 */
import { clipSpan } from '../../../../app/audio/mix-laws.ts';
import { CLIP_EDIT_LABELS } from '../../../../app/model/edit-labels.ts';
import type { EditOp } from '../../../../app/model/edits.ts';
import type { ClipId, TrackId } from '../../../../app/model/ids.ts';
import { type ACE_TRACK_CLASSES, type Instrument } from '../../../../app/model/instrument.ts';
import type { AudioMedia } from '../../../../app/model/media.ts';
import type { ProjectState, Track } from '../../../../app/model/project.ts';
import { db, PPQN, samples, type Ticks, ticks } from '../../../../app/timeline/units.ts';
import { freeTrackName, newTrack } from '../project/new-track.ts';

/** Where the k-th file of a drop goes: an existing track, or a new one at the end. */
export type ImportTarget = { kind: 'track'; trackId: TrackId } | { kind: 'new' };

export function importTargets(state: ProjectState, row: number, count: number): ImportTarget[] {
  return Array.from({ length: count }, (_, k) => {
    const track = row < 0 ? undefined : state.tracks[row + k];
    return track === undefined ? { kind: 'new' } : { kind: 'track', trackId: track.id };
  });
}

const CLASS_WORDS: [RegExp, (typeof ACE_TRACK_CLASSES)[number]][] = [
  [/backing|bgv|choir|harmon/i, 'backing_vocals'],
  [/vocal|vox|voice|sing|lead/i, 'vocals'],
  [/drum|kick|snare|hat|beat/i, 'drums'],
  [/perc|shaker|conga|tamb/i, 'percussion'],
  [/bass/i, 'bass'],
  [/guitar|gtr/i, 'guitar'],
  [/piano|keys|keyboard|organ|rhodes/i, 'keyboard'],
  [/synth|pad|lead synth|arp/i, 'synth'],
  [/string|violin|cello|viola/i, 'strings'],
  [/brass|trumpet|horn|trombone/i, 'brass'],
  [/wind|flute|sax|clarinet|oboe/i, 'woodwinds'],
  [/fx|sfx|riser|impact|noise/i, 'fx'],
];

/** An ACE-Step class when the file name says one ("Lead Vox.wav"), else a custom label. */
export function guessInstrument(fileName: string): Instrument {
  const hit = CLASS_WORDS.find(([pattern]) => pattern.test(fileName));
  return hit === undefined
    ? { kind: 'custom', label: 'Audio' }
    : { kind: 'ace', trackClass: hit[1] };
}

/** "Lead Vox.final.wav" → "Lead Vox.final"; never empty, at most 120 characters. */
export function clipNameFor(fileName: string): string {
  const base = fileName
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/\p{Cc}/gu, '')
    .trim();
  return (base === '' ? 'Audio' : base).slice(0, 120);
}

/** The longest clip at `at` that stays within `frames` of audio (at least one tick). */
export function clipTicksFor(state: ProjectState, at: Ticks, frames: number): number {
  const { tempo, sampleRate } = state.meta;
  let length = Math.max(1, Math.floor((frames * PPQN * tempo) / (60 * sampleRate)));
  const span = (l: number) =>
    clipSpan({ start: at, length: ticks(l), sourceOffset: samples(0) }, tempo);
  while (length > 1 && span(length).length > frames) {
    length -= 1;
  }
  return length;
}

/** The batch that puts imported media on the timeline (one undo step, "Import audio"). */
export function importEdits(
  state: ProjectState,
  target: ImportTarget,
  media: Pick<AudioMedia, 'hash' | 'name' | 'frames'>,
  at: Ticks,
  ids: { clip: () => ClipId; track: () => TrackId },
): { edits: EditOp[]; trackId: TrackId; clipId: ClipId } {
  const edits: EditOp[] = [];
  let trackId: TrackId;
  if (target.kind === 'new') {
    const instrument = guessInstrument(media.name);
    const fresh: Track = newTrack(instrument, state.tracks, ids.track);
    const name =
      instrument.kind === 'custom'
        ? freeTrackName(
            clipNameFor(media.name).slice(0, 80),
            state.tracks.map((t) => t.name),
          )
        : fresh.name;
    const track = { ...fresh, name };
    edits.push({ op: 'track.add', track, index: state.tracks.length });
    trackId = track.id;
  } else {
    trackId = target.trackId;
  }
  const length = clipTicksFor(state, at, media.frames);
  const clipId = ids.clip();
  edits.push({
    op: 'clip.add',
    clip: {
      id: clipId,
      trackId,
      start: at,
      length: ticks(length),
      mediaHash: media.hash,
      sourceOffset: samples(0),
      gainDb: db(0),
      fadeIn: samples(0),
      fadeOut: samples(0),
      name: clipNameFor(media.name),
    },
  });
  return { edits, trackId, clipId };
}

export const IMPORT_LABEL = CLIP_EDIT_LABELS.importAudio;
