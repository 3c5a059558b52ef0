import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { EditOp } from '../../../app/model/edits.ts';
import { makeClip, makeTrack, randomEdit } from '../../../tests/helpers/project-fixtures.ts';
import { seededRandom } from '../../../tests/helpers/random.ts';
import { startTestServices, type TestServices } from '../../../tests/helpers/services.ts';

describe('ProjectLibrary', () => {
  let env: TestServices;
  beforeEach(async () => {
    env = await startTestServices();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  const library = () => env.services.library;

  it('creates, lists newest first, searches, renames and survives a restart', async () => {
    const a = await library().create({ name: 'Alpha song', tempo: 90 });
    const b = await library().create({ name: 'Beta 50% mix' });
    library().applyEdits(a.projectId, 0, [
      { op: 'track.add', track: makeTrack(seededRandom(1)), index: 0 },
    ]);
    expect(
      library()
        .list()
        .map((p) => p.name),
    ).toEqual(['Alpha song', 'Beta 50% mix']);
    expect(
      library()
        .list('beta')
        .map((p) => p.projectId),
    ).toEqual([b.projectId]);
    expect(
      library()
        .list('50%')
        .map((p) => p.projectId),
    ).toEqual([b.projectId]);
    expect(library().list('5_%')).toEqual([]);
    library().rename(b.projectId, 'Gamma');
    await env.stop();
    env = await startTestServices(env.dataDir);
    const listed = library().list();
    expect(listed.map((p) => [p.name, p.trackCount])).toEqual([
      ['Gamma', 0],
      ['Alpha song', 1],
    ]);
    expect(library().snapshot(a.projectId).state.meta.tempo).toBe(90);
    expect(library().snapshot(b.projectId).name).toBe('Gamma');
  });

  it('answers CONFLICT for a stale revision and keeps the state', async () => {
    const { projectId } = await library().create({ name: 'P' });
    const random = seededRandom(2);
    library().applyEdits(projectId, 0, [{ op: 'track.add', track: makeTrack(random), index: 0 }]);
    expect(() =>
      library().applyEdits(projectId, 0, [{ op: 'track.add', track: makeTrack(random), index: 0 }]),
    ).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(library().snapshot(projectId).state.tracks).toHaveLength(1);
    expect(library().snapshot(projectId).revision).toBe(1);
  });

  it('keeps the database equal to the reducer through random edits, undo and redo, across reopen', async () => {
    const { projectId } = await library().create({ name: 'Random' });
    const session = library().session(projectId);
    const media = join(env.dataDir, 'tone.bin');
    await writeFile(media, Buffer.from('not really audio, but bytes'));
    const row = await session.addMediaFile(
      media,
      { name: 'tone.bin', mime: 'application/octet-stream' },
      { now: 1 },
    );
    const random = seededRandom(7);
    for (let i = 0; i < 150; i += 1) {
      const current = library().snapshot(projectId);
      const roll = random.int(0, 9);
      if (roll === 0 && current.history.canUndo) {
        library().undo(projectId);
      } else if (roll === 1 && current.history.canRedo) {
        library().redo(projectId);
      } else {
        const edits: EditOp[] = [randomEdit(random, current.state, row.hash)];
        library().applyEdits(projectId, current.revision, edits);
      }
    }
    const before = library().snapshot(projectId);
    expect(before.revision).toBe(150);
    await env.stop();
    env = await startTestServices(env.dataDir);
    const after = library().snapshot(projectId);
    expect(after).toEqual(before);
    expect(library().session(projectId).store.editLogRevisions()).toEqual(
      Array.from({ length: 150 }, (_, i) => i + 1),
    );
  });

  it('undoes and redoes in order, and a new edit drops the redo stack', async () => {
    const { projectId } = await library().create({ name: 'History' });
    const random = seededRandom(3);
    const [t1, t2] = [makeTrack(random, 'One'), makeTrack(random, 'Two')];
    library().applyEdits(projectId, 0, [{ op: 'track.add', track: t1, index: 0 }]);
    library().applyEdits(projectId, 1, [
      { op: 'track.update', trackId: t1.id, patch: { name: 'Uno' } },
    ]);
    library().applyEdits(projectId, 2, [{ op: 'track.add', track: t2, index: 1 }]);
    const names = () =>
      library()
        .snapshot(projectId)
        .state.tracks.map((t) => t.name);
    expect(library().snapshot(projectId).history.undoLabel).toBe('Add track');
    library().undo(projectId);
    library().undo(projectId);
    expect(names()).toEqual(['One']);
    expect(library().snapshot(projectId).history).toMatchObject({
      canRedo: true,
      redoLabel: 'Rename track',
    });
    library().redo(projectId);
    expect(names()).toEqual(['Uno']);
    library().applyEdits(projectId, 6, [
      { op: 'track.update', trackId: t1.id, patch: { mute: true } },
    ]);
    expect(library().snapshot(projectId).history.canRedo).toBe(false);
    expect(() => library().redo(projectId)).toThrow(/Nothing to redo/);
    library().undo(projectId);
    library().undo(projectId);
    library().undo(projectId);
    expect(names()).toEqual([]);
    expect(() => library().undo(projectId)).toThrow(/Nothing to undo/);
  });

  it('refuses clips that point at media the project does not have, changing nothing', async () => {
    const { projectId } = await library().create({ name: 'Media' });
    const random = seededRandom(4);
    const track = makeTrack(random);
    library().applyEdits(projectId, 0, [{ op: 'track.add', track, index: 0 }]);
    expect(() =>
      library().applyEdits(projectId, 1, [
        { op: 'clip.add', clip: makeClip(random, track.id, 'f'.repeat(64)) },
      ]),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(library().snapshot(projectId)).toMatchObject({ revision: 1, state: { clips: [] } });
    await env.stop();
    env = await startTestServices(env.dataDir);
    expect(library().snapshot(projectId)).toMatchObject({ revision: 1, state: { clips: [] } });
  });

  it('duplicates a project with its media and history under a new identity', async () => {
    const { projectId } = await library().create({ name: 'Original' });
    const session = library().session(projectId);
    const file = join(env.dataDir, 'a.bin');
    await writeFile(file, Buffer.from([1, 2, 3]));
    const media = await session.addMediaFile(
      file,
      { name: 'a.bin', mime: 'audio/wav' },
      { now: 1 },
    );
    const random = seededRandom(5);
    const track = makeTrack(random);
    library().applyEdits(projectId, 0, [
      { op: 'track.add', track, index: 0 },
      { op: 'clip.add', clip: makeClip(random, track.id, media.hash) },
    ]);
    const copy = await library().duplicate(projectId);
    expect(copy).toMatchObject({ name: 'Original (copy)', trackCount: 1 });
    expect(copy.projectId).not.toBe(projectId);
    const copied = library().snapshot(copy.projectId);
    expect(copied.state).toEqual(library().snapshot(projectId).state);
    expect(copied.history.canUndo).toBe(true);
    expect(await library().session(copy.projectId).media.verify(media.hash)).toBe(true);
    library().undo(copy.projectId);
    expect(library().snapshot(projectId).state.tracks).toHaveLength(1);
  });

  it('deletes to the trash and resolves media only while the project exists', async () => {
    const { projectId } = await library().create({ name: 'Doomed' });
    const file = join(env.dataDir, 'b.bin');
    await writeFile(file, Buffer.from('media bytes'));
    const media = await library()
      .session(projectId)
      .addMediaFile(file, { name: 'b.bin', mime: 'audio/flac' }, { now: 1 });
    expect(library().resolveMedia(media.hash)).toMatchObject({ mime: 'audio/flac', bytes: 11 });
    await expect(library().delete(projectId)).resolves.toEqual({ trash: 'system' });
    expect(env.ports.trashed).toHaveLength(1);
    expect(library().list()).toEqual([]);
    expect(library().resolveMedia(media.hash)).toBeNull();
    expect(() => library().snapshot(projectId)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('cleans staging leftovers and re-adopts project folders the index lost', async () => {
    const kept = await library().create({ name: 'Kept' });
    await env.stop();
    const projects = join(env.dataDir, 'projects');
    await mkdir(join(projects, '.staging-crashed', 'media'), { recursive: true });
    const { default: Database } = await import('better-sqlite3');
    const index = new Database(join(env.dataDir, 'library.sqlite'));
    index.prepare('DELETE FROM projects').run();
    index.close();
    env = await startTestServices(env.dataDir);
    expect(await readdir(projects)).toEqual([kept.projectId]);
    expect(
      library()
        .list()
        .map((p) => p.projectId),
    ).toEqual([kept.projectId]);
    expect(env.logs.some((r) => r.event === 'library.adopted')).toBe(true);
  });
});
