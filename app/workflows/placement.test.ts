import { describe, expect, it } from 'vitest';

import { emptyState, makeClip, makeTrack } from '../../tests/helpers/project-fixtures.ts';
import { seededRandom } from '../../tests/helpers/random.ts';
import { applyEdits } from '../model/edits.ts';
import { type ClipId, MediaHash, type TrackId } from '../model/ids.ts';
import type { ProjectState } from '../model/project.ts';
import { activeTakeIndex, type ClipTake, takesOf } from '../model/takes.ts';
import type { Samples, Ticks } from '../timeline/units.ts';
import { clipNameFrom, type Placement, placementEdits } from './placement.ts';

const hash = (c: string) => MediaHash.parse(c.repeat(64));
const take = (c: string, kind: ClipTake['kind'] = 'take'): ClipTake => ({
  mediaHash: hash(c),
  label: `Take ${c}`,
  seed: 1,
  loudnessLufs: -20,
  kind,
  createdAt: 0,
});

function ids() {
  let n = 0;
  const next = () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`;
  return { track: () => next() as TrackId, clip: () => next() as ClipId };
}

function twoTracks(): { state: ProjectState; a: TrackId; b: TrackId; clipId: ClipId } {
  const random = seededRandom(5);
  const [a, b] = [makeTrack(random, 'A'), makeTrack(random, 'B')];
  const clip = makeClip(random, a.id, hash('a'));
  const { state } = applyEdits(emptyState(), [
    { op: 'track.add', track: a, index: 0 },
    { op: 'track.add', track: b, index: 1 },
    { op: 'clip.add', clip },
  ]);
  return { state, a: a.id, b: b.id, clipId: clip.id };
}

const clipAt = (
  track: Extract<Placement, { type: 'clip' }>['track'],
  takes: ClipTake[],
): Placement => ({
  type: 'clip',
  track,
  start: 960 as Ticks,
  length: 1920 as Ticks,
  sourceOffset: 48 as Samples,
  name: 'Layer',
  takes,
});

describe('placement', () => {
  it('inserts new tracks below their anchor in order, sharing a key, and adds takes for a batch', () => {
    const { state, a, b } = twoTracks();
    const placed = placementEdits(
      state,
      [
        clipAt({ create: { key: 'x', name: 'X', trackClass: 'bass', below: a } }, [
          take('b'),
          take('c'),
        ]),
        clipAt({ create: { key: 'y', name: 'Y', trackClass: null, label: 'Other', below: a } }, [
          take('d'),
        ]),
        clipAt({ create: { key: 'x', name: 'X', trackClass: 'bass', below: a } }, [take('e')]),
      ],
      ids(),
    );
    const after = applyEdits(state, placed.edits).state;
    expect(after.tracks.map((track) => track.name)).toEqual(['A', 'X', 'Y', 'B']);
    expect(after.tracks.map((track) => track.id)).toEqual([a, ...placed.trackIds, b]);
    expect(after.tracks[2]?.instrument).toEqual({ kind: 'custom', label: 'Other' });
    const [first, second, third] = placed.clipIds.map((id) => after.clips.find((c) => c.id === id));
    expect(first).toMatchObject({
      trackId: placed.trackIds[0],
      start: 960,
      length: 1920,
      sourceOffset: 48,
      mediaHash: hash('b'),
    });
    expect(third?.trackId).toBe(first?.trackId);
    expect(takesOf(after, first!.id).map((t) => t.mediaHash)).toEqual([hash('b'), hash('c')]);
    // A single take is just the clip's audio.
    expect(takesOf(after, second!.id)).toEqual([]);
    // One batch: undoing it gives the state back.
    expect(applyEdits(after, applyEdits(state, placed.edits).inverse).state).toEqual(state);
  });

  it('puts results on a new track when the target track is gone, and says so', () => {
    const { state, b } = twoTracks();
    const gone = applyEdits(state, [{ op: 'track.remove', trackId: b }]).state;
    const placed = placementEdits(
      gone,
      [
        clipAt({ existing: b, fallback: { key: 'f', name: 'Generated', trackClass: null } }, [
          take('b'),
        ]),
      ],
      ids(),
    );
    const after = applyEdits(gone, placed.edits).state;
    expect(after.tracks.map((track) => track.name)).toEqual(['A', 'Generated']);
    expect(placed.notes[0]).toMatch(/deleted/);
  });

  it('gives a clip a new version, keeping its old audio as the original take', () => {
    const { state, clipId } = twoTracks();
    const clip = state.clips[0]!;
    const version: Placement = {
      type: 'version',
      clipId,
      takes: [take('f', 'version')],
      original: take('a', 'original'),
      fallback: { ...clip },
    };
    const after = applyEdits(state, placementEdits(state, [version], ids()).edits).state;
    expect(after.clips[0]).toEqual({ ...clip, mediaHash: hash('f') });
    expect(takesOf(after, clipId).map((t) => t.kind)).toEqual(['original', 'version']);
    expect(activeTakeIndex(after, clipId)).toBe(1);
    // A clip deleted meanwhile gets its version as a new clip where it was.
    const gone = applyEdits(state, [{ op: 'clip.remove', clipId }]).state;
    const placed = placementEdits(gone, [version], ids());
    const restored = applyEdits(gone, placed.edits).state;
    expect(restored.clips).toHaveLength(1);
    expect(restored.clips[0]).toMatchObject({
      trackId: clip.trackId,
      start: clip.start,
      mediaHash: hash('f'),
    });
    expect(placed.notes[0]).toMatch(/deleted/);
  });

  it('mutes tracks that are not muted yet, and names clips from free text', () => {
    const { state, a, b } = twoTracks();
    const muted = applyEdits(state, [
      { op: 'track.update', trackId: a, patch: { mute: true } },
    ]).state;
    const placed = placementEdits(muted, [{ type: 'mute', trackIds: [a, b] }], ids());
    expect(placed.edits).toEqual([{ op: 'track.update', trackId: b, patch: { mute: true } }]);
    expect(clipNameFrom('  warm\n\tpads ', 'X')).toBe('warm pads');
    expect(clipNameFrom('', 'Generated')).toBe('Generated');
    expect(clipNameFrom('x'.repeat(80), 'X')).toHaveLength(60);
  });
});
