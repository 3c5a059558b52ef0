import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';

import { StudioError } from '../../../app/errors.ts';
import type { EditOp } from '../../../app/model/edits.ts';
import type { ProjectSnapshot } from '../../../app/model/project.ts';
import {
  deferred,
  fakeStudio,
  makeSnapshot,
  makeTrack,
  PROJECT_A,
} from '../testing/fake-studio.ts';
import { predictSnapshot, ProjectEditor } from './project-editor.ts';
import { snapshotKey } from './query-keys.ts';

function setup(overrides: Parameters<typeof fakeStudio>[0], snapshot: ProjectSnapshot) {
  const studio = fakeStudio(overrides);
  const queryClient = new QueryClient();
  queryClient.setQueryData(snapshotKey(PROJECT_A), snapshot);
  const onError = vi.fn();
  const editor = new ProjectEditor({ client: studio.client, queryClient, onError });
  const cached = () => queryClient.getQueryData<ProjectSnapshot>(snapshotKey(PROJECT_A));
  return { studio, queryClient, onError, editor, cached };
}

const vocals = makeTrack('Vocals');
const drums = makeTrack('Drums');
const rename = (name: string): EditOp[] => [
  { op: 'track.update', trackId: vocals.id, patch: { name } },
];

describe('predictSnapshot', () => {
  it('applies the edits with the shared reducer and moves revision and history on', () => {
    const next = predictSnapshot(makeSnapshot({ revision: 3, tracks: [vocals] }), rename('Lead'));
    expect(next.revision).toBe(4);
    expect(next.state.tracks[0]?.name).toBe('Lead');
    expect(next.history).toEqual({
      canUndo: true,
      undoLabel: 'Rename track',
      canRedo: false,
      redoLabel: null,
    });
  });
});

describe('ProjectEditor', () => {
  it('updates the cache at once, then sends the batch against the base revision', async () => {
    const answer = deferred<{ revision: number }>();
    const { studio, editor, cached } = setup(
      { 'project.applyEdits': () => answer.promise },
      makeSnapshot({ revision: 3, tracks: [vocals, drums] }),
    );
    const done = editor.apply(PROJECT_A, rename('Lead'));
    await vi.waitFor(() => {
      expect(studio.calls).toHaveLength(1);
    });
    // The prediction is in the cache while main has not answered yet.
    expect(cached()?.state.tracks.map((t) => t.name)).toEqual(['Lead', 'Drums']);
    expect(cached()?.revision).toBe(4);
    expect(studio.calls[0]).toEqual({
      method: 'project.applyEdits',
      params: { projectId: PROJECT_A, baseRevision: 3, edits: rename('Lead') },
    });
    answer.resolve({ revision: 4 });
    await expect(done).resolves.toBe(true);
  });

  it('shows a prediction synchronously, so a quick second edit builds on the first', async () => {
    const { studio, editor, cached } = setup(
      { 'project.applyEdits': ({ baseRevision }) => ({ revision: baseRevision + 1 }) },
      makeSnapshot({ revision: 3, tracks: [vocals, drums] }),
    );
    const first = editor.apply(PROJECT_A, rename('Lead'));
    // No await: the second edit is made from what the screen shows right after the first.
    expect(cached()?.state.tracks[0]?.name).toBe('Lead');
    const second = editor.apply(PROJECT_A, [
      { op: 'track.update', trackId: drums.id, patch: { name: 'Kit' } },
    ]);
    await expect(first).resolves.toBe(true);
    await expect(second).resolves.toBe(true);
    expect(cached()?.state.tracks.map((t) => t.name)).toEqual(['Lead', 'Kit']);
    expect(
      studio.calls.map((call) => (call.params as { baseRevision: number }).baseRevision),
    ).toEqual([3, 4]);
  });

  it('rolls the cache back and reports the error when main refuses the batch', async () => {
    const before = makeSnapshot({ revision: 3, tracks: [vocals, drums] });
    const { editor, cached, onError } = setup(
      {
        'project.applyEdits': () => {
          throw new StudioError('STORAGE_FAILED', 'The disk is full.');
        },
      },
      before,
    );
    await expect(editor.apply(PROJECT_A, rename('Lead'))).resolves.toBe(false);
    expect(cached()).toEqual(before);
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'STORAGE_FAILED' });
  });

  it('on CONFLICT refetches, rebases the batch on the fresh state and retries once', async () => {
    const fresh = makeSnapshot({ revision: 7, tracks: [drums, vocals] });
    let attempts = 0;
    const { studio, editor, cached, onError } = setup(
      {
        'project.get': () => fresh,
        'project.applyEdits': ({ baseRevision }) => {
          attempts += 1;
          if (attempts === 1) {
            throw new StudioError('CONFLICT', 'The project changed.');
          }
          return { revision: baseRevision + 1 };
        },
      },
      makeSnapshot({ revision: 3, tracks: [vocals, drums] }),
    );
    await expect(editor.apply(PROJECT_A, rename('Lead'))).resolves.toBe(true);
    const sent = studio.calls.filter((call) => call.method === 'project.applyEdits');
    expect(sent.map((call) => (call.params as { baseRevision: number }).baseRevision)).toEqual([
      3, 7,
    ]);
    expect(cached()?.state.tracks.map((t) => t.name)).toEqual(['Drums', 'Lead']);
    expect(onError).not.toHaveBeenCalled();
  });

  it('gives up after one retry, restoring the cache', async () => {
    const before = makeSnapshot({ revision: 3, tracks: [vocals] });
    const { studio, editor, cached, onError } = setup(
      {
        'project.get': () => makeSnapshot({ revision: 5, tracks: [vocals] }),
        'project.applyEdits': () => {
          throw new StudioError('CONFLICT', 'Still changing.');
        },
      },
      before,
    );
    await expect(editor.apply(PROJECT_A, rename('Lead'))).resolves.toBe(false);
    expect(studio.calls.filter((call) => call.method === 'project.applyEdits')).toHaveLength(2);
    expect(cached()).toEqual(before);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses an edit that does not fit the cached state without calling main', async () => {
    const { studio, editor, onError } = setup({}, makeSnapshot({ tracks: [vocals] }));
    const ghost = makeTrack('Ghost');
    await expect(
      editor.apply(PROJECT_A, [{ op: 'track.remove', trackId: ghost.id }]),
    ).resolves.toBe(false);
    expect(studio.calls).toHaveLength(0);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sends one batch at a time, each on the revision the previous one produced', async () => {
    const first = deferred<{ revision: number }>();
    const { studio, editor, cached } = setup(
      {
        'project.applyEdits': ({ baseRevision }) =>
          baseRevision === 3 ? first.promise : { revision: baseRevision + 1 },
      },
      makeSnapshot({ revision: 3, tracks: [vocals] }),
    );
    const one = editor.apply(PROJECT_A, rename('One'));
    const two = editor.apply(PROJECT_A, [
      { op: 'track.update', trackId: vocals.id, patch: { mute: true } },
    ]);
    await vi.waitFor(() => {
      expect(studio.calls).toHaveLength(1);
    });
    expect(cached()?.state.tracks[0]).toMatchObject({ name: 'One', mute: true });
    first.resolve({ revision: 4 });
    await expect(Promise.all([one, two])).resolves.toEqual([true, true]);
    expect(
      studio.calls.map((call) => (call.params as { baseRevision: number }).baseRevision),
    ).toEqual([3, 4]);
  });

  it('undo and redo go to main in the same queue and report failures', async () => {
    const { studio, editor, onError } = setup(
      {
        'project.undo': () => ({ revision: 4 }),
        'project.redo': () => {
          throw new StudioError('CONFLICT', 'Nothing to redo.');
        },
        'project.get': () => makeSnapshot({ revision: 4 }),
      },
      makeSnapshot({ revision: 3 }),
    );
    await expect(editor.undo(PROJECT_A)).resolves.toBe(true);
    await expect(editor.redo(PROJECT_A)).resolves.toBe(false);
    expect(studio.calls.map((call) => call.method)).toContain('project.undo');
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'CONFLICT' });
  });
});
