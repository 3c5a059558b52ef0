import { describe, expect, it } from 'vitest';

import {
  emptyState,
  makeClip,
  makeTrack,
  randomEdit,
} from '../../tests/helpers/project-fixtures.ts';
import { seededRandom } from '../../tests/helpers/random.ts';
import { isStudioError } from '../errors.ts';
import { applyEdit, applyEdits, EditOp, invertEdit } from './edits.ts';
import { ProjectState } from './project.ts';

describe('applyEdit', () => {
  it('adds, updates, moves and removes tracks', () => {
    const random = seededRandom(1);
    const [a, b, c] = [makeTrack(random, 'A'), makeTrack(random, 'B'), makeTrack(random, 'C')];
    let state = emptyState();
    state = applyEdit(state, { op: 'track.add', track: a, index: 0 });
    state = applyEdit(state, { op: 'track.add', track: b, index: 99 });
    state = applyEdit(state, { op: 'track.add', track: c, index: 1 });
    expect(state.tracks.map((t) => t.name)).toEqual(['A', 'C', 'B']);
    state = applyEdit(state, { op: 'track.move', trackId: a.id, toIndex: 2 });
    expect(state.tracks.map((t) => t.name)).toEqual(['C', 'B', 'A']);
    state = applyEdit(state, {
      op: 'track.update',
      trackId: b.id,
      patch: { name: 'Bass', solo: true },
    });
    expect(state.tracks[1]).toMatchObject({ name: 'Bass', solo: true, color: b.color });
    state = applyEdit(state, { op: 'track.remove', trackId: c.id });
    expect(state.tracks.map((t) => t.name)).toEqual(['Bass', 'A']);
  });

  it('removes a track with its clips and rejects clips on unknown tracks', () => {
    const random = seededRandom(2);
    const track = makeTrack(random);
    let state = applyEdit(emptyState(), { op: 'track.add', track, index: 0 });
    state = applyEdit(state, { op: 'clip.add', clip: makeClip(random, track.id) });
    expect(state.clips).toHaveLength(1);
    expect(applyEdit(state, { op: 'track.remove', trackId: track.id }).clips).toHaveLength(0);
    const stray = makeClip(random, random.uuid());
    expect(() => applyEdit(state, { op: 'clip.add', clip: stray })).toThrow(/No track/);
  });

  it('answers NOT_FOUND and CONFLICT with StudioErrors', () => {
    const random = seededRandom(3);
    const track = makeTrack(random);
    const state = applyEdit(emptyState(), { op: 'track.add', track, index: 0 });
    const missing = EditOp.parse({ op: 'track.remove', trackId: random.uuid() });
    expect(() => applyEdit(state, missing)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    try {
      applyEdit(state, { op: 'track.add', track, index: 0 });
      expect.unreachable();
    } catch (error) {
      expect(isStudioError(error, 'CONFLICT')).toBe(true);
    }
  });

  it('does not mutate the state it is given', () => {
    const random = seededRandom(4);
    const state = applyEdit(emptyState(), { op: 'track.add', track: makeTrack(random), index: 0 });
    const frozen = JSON.stringify(state);
    for (let i = 0; i < 50; i += 1) {
      try {
        applyEdit(state, randomEdit(random, state));
      } catch {
        // Some random edits do not fit; the point is that none of them mutate.
      }
    }
    expect(JSON.stringify(state)).toBe(frozen);
  });
});

describe('invertEdit', () => {
  it('undoes every kind of op exactly (1000 random batches)', () => {
    const random = seededRandom(42);
    let state = emptyState();
    const seen = new Set<string>();
    for (let round = 0; round < 1000; round += 1) {
      const batch: EditOp[] = [];
      let probe = state;
      for (let i = random.int(1, 4); i > 0; i -= 1) {
        const op = randomEdit(random, probe);
        batch.push(op);
        seen.add(op.op);
        probe = applyEdit(probe, op);
      }
      const { state: next, inverse } = applyEdits(state, batch);
      expect(next).toEqual(probe);
      expect(applyEdits(next, inverse).state).toEqual(state);
      expect(() => ProjectState.parse(next)).not.toThrow();
      state = next;
    }
    expect([...seen].sort()).toEqual([
      'clip.add',
      'clip.remove',
      'clip.setTakes',
      'clip.update',
      'project.setMeta',
      'track.add',
      'track.move',
      'track.remove',
      'track.update',
    ]);
  });

  it('restores a removed track at its index with its clips', () => {
    const random = seededRandom(5);
    const tracks = [makeTrack(random), makeTrack(random), makeTrack(random)];
    let state = emptyState();
    tracks.forEach((track, index) => {
      state = applyEdit(state, { op: 'track.add', track, index });
    });
    state = applyEdit(state, { op: 'clip.add', clip: makeClip(random, tracks[1]!.id) });
    const remove = { op: 'track.remove', trackId: tracks[1]!.id } as const;
    const inverse = invertEdit(state, remove);
    expect(inverse).toMatchObject({ op: 'track.add', index: 1 });
    expect(applyEdit(applyEdit(state, remove), inverse)).toEqual(state);
  });
});
