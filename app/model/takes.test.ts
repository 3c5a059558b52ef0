import { describe, expect, it } from 'vitest';

import { emptyState, makeClip, makeTake, makeTrack } from '../../tests/helpers/project-fixtures.ts';
import { seededRandom } from '../../tests/helpers/random.ts';
import { applyEdit, applyEdits, type EditOp, invertEdit } from './edits.ts';
import { MediaHash } from './ids.ts';
import type { ProjectState } from './project.ts';
import { activeTakeIndex, appendTakes, chooseTake, MAX_TAKES, takesOf } from './takes.ts';

const hash = (c: string) => MediaHash.parse(c.repeat(64));

function oneClip(): { state: ProjectState; clipId: ReturnType<typeof makeClip>['id'] } {
  const random = seededRandom(9);
  const track = makeTrack(random);
  const clip = makeClip(random, track.id, hash('a'));
  let state = applyEdit(emptyState(), { op: 'track.add', track, index: 0 });
  state = applyEdit(state, { op: 'clip.add', clip });
  return { state, clipId: clip.id };
}

describe('takes', () => {
  it('derive the active take from the clip media and switch with one clip.update', () => {
    const random = seededRandom(1);
    const { state, clipId } = oneClip();
    const takes = [makeTake(random, 0, hash('a')), makeTake(random, 1, hash('b'))];
    const withTakes = applyEdit(state, { op: 'clip.setTakes', clipId, takes });
    expect(activeTakeIndex(withTakes, clipId)).toBe(0);
    expect(chooseTake(withTakes, clipId, 0)).toEqual([]);
    const edits = chooseTake(withTakes, clipId, 1);
    expect(edits).toEqual([{ op: 'clip.update', clipId, patch: { mediaHash: hash('b') } }]);
    const switched = applyEdits(withTakes, edits);
    expect(activeTakeIndex(switched.state, clipId)).toBe(1);
    const before = withTakes.clips.find((clip) => clip.id === clipId);
    const after = switched.state.clips.find((clip) => clip.id === clipId);
    // Position, trims, fades and gain stay: only the audio changes.
    expect({ ...after, mediaHash: before?.mediaHash }).toEqual(before);
    expect(applyEdits(switched.state, switched.inverse).state).toEqual(withTakes);
    expect(chooseTake(withTakes, clipId, 7)).toEqual([]);
  });

  it('set and unset as an undoable op, and need the clip', () => {
    const random = seededRandom(2);
    const { state, clipId } = oneClip();
    const op: EditOp = { op: 'clip.setTakes', clipId, takes: [makeTake(random, 0)] };
    const inverse = invertEdit(state, op);
    expect(inverse).toEqual({ op: 'clip.setTakes', clipId, takes: null });
    const after = applyEdit(state, op);
    expect(takesOf(after, clipId)).toHaveLength(1);
    // No takes left: no `takes` key, so the state compares equal to one that never had any.
    expect(applyEdit(after, inverse)).toEqual(state);
    expect(Object.keys(applyEdit(after, inverse))).not.toContain('takes');
    const missing: EditOp = { ...op, clipId: random.uuid() as typeof clipId };
    expect(() => applyEdit(state, missing)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('survive removing the clip, so undoing the removal brings both back', () => {
    const random = seededRandom(3);
    const { state, clipId } = oneClip();
    const withTakes = applyEdit(state, {
      op: 'clip.setTakes',
      clipId,
      takes: [makeTake(random, 0, hash('a'))],
    });
    const removed = applyEdits(withTakes, [{ op: 'clip.remove', clipId }]);
    expect(activeTakeIndex(removed.state, clipId)).toBe(-1);
    expect(applyEdits(removed.state, removed.inverse).state).toEqual(withTakes);
  });

  it('append after the original, skip known audio and keep at most MAX_TAKES', () => {
    const random = seededRandom(4);
    const { state, clipId } = oneClip();
    const original = { ...makeTake(random, 0, hash('a')), kind: 'original' as const };
    const first = appendTakes(state, clipId, [makeTake(random, 1, hash('b'))], original);
    expect(first.map((take) => take.mediaHash)).toEqual([hash('a'), hash('b')]);
    const next = applyEdit(state, { op: 'clip.setTakes', clipId, takes: first });
    const again = appendTakes(next, clipId, [makeTake(random, 2, hash('b'))], original);
    expect(again).toHaveLength(2);
    const many = Array.from({ length: MAX_TAKES + 5 }, (_, i) =>
      makeTake(random, i + 1, i.toString(16).padStart(64, '0')),
    );
    const capped = appendTakes(next, clipId, many, original);
    expect(capped).toHaveLength(MAX_TAKES);
    expect(capped.at(-1)?.mediaHash).toBe(many.at(-1)?.mediaHash);
  });
});
