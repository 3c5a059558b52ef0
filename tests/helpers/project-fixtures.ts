/** Builders for project model values in tests. */
import type { EditOp } from '../../app/model/edits.ts';
import { ClipId, MediaHash, TrackId } from '../../app/model/ids.ts';
import { ACE_TRACK_CLASSES } from '../../app/model/instrument.ts';
import { Clip, defaultProjectMeta, type ProjectState, Track } from '../../app/model/project.ts';
import { ClipTake } from '../../app/model/takes.ts';
import type { Random } from './random.ts';

export const SAMPLE_HASH = MediaHash.parse('a'.repeat(64));

export function makeTrack(random: Random, name = `Track ${random.int(1, 99)}`): Track {
  return Track.parse({
    id: TrackId.parse(random.uuid()),
    name,
    instrument: { kind: 'ace', trackClass: random.pick(ACE_TRACK_CLASSES) },
    color: random.pick(['#e0685b', '#4aa3df', '#6cc36a']),
    gainDb: random.int(-24, 6),
    pan: random.int(-10, 10) / 10,
    mute: random.bool(),
    solo: false,
  });
}

export function makeClip(random: Random, trackId: string, mediaHash: string = SAMPLE_HASH): Clip {
  return Clip.parse({
    id: ClipId.parse(random.uuid()),
    trackId,
    start: random.int(0, 100) * 960,
    length: random.int(1, 64) * 960,
    mediaHash,
    sourceOffset: random.int(0, 48_000),
    gainDb: random.int(-12, 0),
    fadeIn: random.int(0, 4800),
    fadeOut: random.int(0, 4800),
    name: `Clip ${random.int(1, 999)}`,
  });
}

/** A take of a clip (takes.ts), with a loudness and a seed. */
export function makeTake(random: Random, index: number, mediaHash: string = SAMPLE_HASH): ClipTake {
  return ClipTake.parse({
    mediaHash,
    label: `Take ${index + 1}`,
    seed: random.int(0, 1000),
    loudnessLufs: random.bool() ? null : -random.int(6, 40),
    kind: index === 0 ? 'original' : 'take',
    createdAt: 1_700_000_000_000 + index,
  });
}

export function emptyState(): ProjectState {
  return { meta: defaultProjectMeta(), tracks: [], clips: [] };
}

/** A random op that applies to `state` (every kind, weighted towards what exists). */
export function randomEdit(random: Random, state: ProjectState, mediaHash = SAMPLE_HASH): EditOp {
  const track = state.tracks.length > 0 ? random.pick(state.tracks) : null;
  const clip = state.clips.length > 0 ? random.pick(state.clips) : null;
  const choice = random.int(0, 8);
  if (track === null || choice === 0) {
    return { op: 'track.add', track: makeTrack(random), index: random.int(0, state.tracks.length) };
  }
  switch (choice) {
    case 1:
      return { op: 'track.remove', trackId: track.id };
    case 2:
      return {
        op: 'track.update',
        trackId: track.id,
        patch: { name: `Renamed ${random.int(1, 99)}`, mute: random.bool() },
      };
    case 3:
      return {
        op: 'track.move',
        trackId: track.id,
        toIndex: random.int(0, state.tracks.length - 1),
      };
    case 4:
      return {
        op: 'project.setMeta',
        patch: {
          tempo: random.int(60, 180) as never,
          key: random.bool() ? null : { tonic: 'A', mode: 'minor' },
        },
      };
    case 5:
      return clip === null
        ? { op: 'clip.add', clip: makeClip(random, track.id, mediaHash) }
        : { op: 'clip.remove', clipId: clip.id };
    case 6:
      return clip === null
        ? { op: 'clip.add', clip: makeClip(random, track.id, mediaHash) }
        : {
            op: 'clip.update',
            clipId: clip.id,
            patch: { trackId: track.id, start: (random.int(0, 50) * 480) as never },
          };
    case 8:
      return clip === null
        ? { op: 'clip.add', clip: makeClip(random, track.id, mediaHash) }
        : {
            op: 'clip.setTakes',
            clipId: clip.id,
            takes: random.bool()
              ? null
              : Array.from({ length: random.int(1, 3) }, (_, i) => makeTake(random, i, mediaHash)),
          };
    default:
      return { op: 'clip.add', clip: makeClip(random, track.id, mediaHash) };
  }
}
