/** One contract, every transport: the same expectations over in-memory dispatch and HTTP. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { EventPayload } from '../../app/contract/events.ts';
import type { ArtifactInfo } from '../../app/contract/jobs.ts';
import type { EventName } from '../../app/contract/names.ts';
import { CONTRACT_VERSION } from '../../app/contract/version.ts';
import { isStudioError, type StudioError } from '../../app/errors.ts';
import type { ProjectSummary } from '../../app/model/project.ts';
import { makeTrack } from '../helpers/project-fixtures.ts';
import { seededRandom } from '../helpers/random.ts';
import { type Harness, harnesses } from './harness.ts';

async function rejection(promise: Promise<unknown>): Promise<StudioError> {
  try {
    await promise;
  } catch (error) {
    if (isStudioError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a StudioError');
}

describe.each(harnesses)('the contract over $name', (factory) => {
  let h: Harness;
  beforeEach(async () => {
    h = await factory.start();
  });
  afterEach(async () => {
    await h.close();
  });

  /** Collects events of one kind until `until` returns true for one of them. */
  function waitFor<E extends EventName>(
    event: E,
    until: (payload: EventPayload<E>) => boolean,
  ): Promise<EventPayload<E>> {
    return new Promise((resolve) => {
      const off = h.client.on(event, (payload) => {
        if (until(payload)) {
          off();
          resolve(payload);
        }
      });
    });
  }

  /** Waits until the event stream is connected, so the action it should observe is seen. */
  const settle = () => h.eventsReady();

  it('connects and agrees on the contract version', async () => {
    const hello = await h.client.connect();
    expect(hello).toMatchObject({ contractVersion: CONTRACT_VERSION, host: 'server' });
    const mismatch = await rejection(
      h.client.call('system.hello', { contractVersion: CONTRACT_VERSION + 1 }),
    );
    expect(mismatch.code).toBe('CONTRACT_MISMATCH');
  });

  it('runs the project lifecycle and announces library changes', async () => {
    const changed = waitFor('library.changed', () => true);
    await settle();
    const created = await h.client.call('project.create', { name: 'Contract song', tempo: 100 });
    await changed;
    expect(created).toMatchObject({ name: 'Contract song', trackCount: 0 });
    const renamed = await h.client.call('project.rename', {
      projectId: created.projectId,
      name: 'Renamed',
    });
    expect(renamed.name).toBe('Renamed');
    const copy = await h.client.call('project.duplicate', { projectId: created.projectId });
    expect(copy.name).toBe('Renamed (copy)');
    expect((await h.client.call('project.list', {})).map((p) => p.projectId).sort()).toEqual(
      [created.projectId, copy.projectId].sort(),
    );
    expect(await h.client.call('project.list', { query: 'copy' })).toHaveLength(1);
    expect(await h.client.call('project.delete', { projectId: copy.projectId })).toEqual({
      trash: 'system',
    });
    const gone = await rejection(h.client.call('project.get', { projectId: copy.projectId }));
    expect(gone.code).toBe('NOT_FOUND');
    const snapshot = await h.client.call('project.get', { projectId: created.projectId });
    expect(snapshot).toMatchObject({
      name: 'Renamed',
      revision: 0,
      state: { meta: { tempo: 100 } },
    });
  });

  it('applies edits with revision checks, undo and redo, and pushes project.changed', async () => {
    const { projectId } = await h.client.call('project.create', { name: 'Edits' });
    const random = seededRandom(9);
    const track = makeTrack(random, 'Bass');
    const changed = waitFor(
      'project.changed',
      (p) => p.projectId === projectId && p.revision === 1,
    );
    await settle();
    const first = await h.client.call('project.applyEdits', {
      projectId,
      baseRevision: 0,
      edits: [{ op: 'track.add', track, index: 0 }],
      label: 'Add the bass',
    });
    expect(first).toEqual({ revision: 1 });
    expect(await changed).toEqual({ projectId, revision: 1 });
    const stale = await rejection(
      h.client.call('project.applyEdits', {
        projectId,
        baseRevision: 0,
        edits: [{ op: 'track.remove', trackId: track.id }],
      }),
    );
    expect(stale).toMatchObject({ code: 'CONFLICT', details: { revision: 1, baseRevision: 0 } });
    expect((await h.client.call('project.get', { projectId })).history.undoLabel).toBe(
      'Add the bass',
    );
    expect(await h.client.call('project.undo', { projectId })).toEqual({ revision: 2 });
    expect((await h.client.call('project.get', { projectId })).state.tracks).toEqual([]);
    expect(await h.client.call('project.redo', { projectId })).toEqual({ revision: 3 });
    expect((await h.client.call('project.get', { projectId })).state.tracks).toEqual([track]);
    const missing = await rejection(
      h.client.call('project.applyEdits', {
        projectId,
        baseRevision: 3,
        edits: [{ op: 'track.remove', trackId: random.uuid() }],
      }),
    );
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('answers malformed calls with VALIDATION_FAILED and the path of the problem', async () => {
    const bad = await rejection(
      h.client.call('project.rename', { projectId: 'not-a-uuid', name: '' }),
    );
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(
      (bad.details as { issues: { path: string }[] }).issues.map((i) => i.path).sort(),
    ).toEqual(['name', 'projectId']);
    const unknown = await rejection(h.client.call('project.explode' as 'project.list', {}));
    expect(unknown).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: "Unknown method 'project.explode'.",
    });
    const missingJob = await rejection(
      h.client.call('job.cancel', { jobId: '11111111-1111-4111-8111-111111111111' }),
    );
    expect(missingJob.code).toBe('NOT_FOUND');
  });

  it('runs jobs with progress and outcome events: archive export and import', async () => {
    const { projectId } = await h.client.call('project.create', { name: 'Job song' });
    await h.client.call('project.applyEdits', {
      projectId,
      baseRevision: 0,
      edits: [{ op: 'track.add', track: makeTrack(seededRandom(3), 'Keys'), index: 0 }],
    });
    let exportId = '';
    const started = waitFor('job.started', (job) => job.kind === 'project.exportArchive');
    const exported = waitFor('job.finished', (job) => job.jobId === exportId);
    await settle();
    exportId = (await h.client.call('project.exportArchive', { projectId })).jobId;
    expect((await started).jobId).toBe(exportId);
    const outcome = await exported;
    expect(outcome.status).toBe('succeeded');
    const artifact = outcome.result as ArtifactInfo;
    expect(await h.client.call('artifact.open', { artifactId: artifact.artifactId })).toEqual({
      kind: 'revealed',
    });
    expect((await h.client.call('job.get', { jobId: exportId })).status).toBe('succeeded');

    const path = h.env.services.artifacts.resolve(artifact.artifactId).path;
    const file = await h.provideFile(path);
    let importId = '';
    const imported = waitFor('job.finished', (job) => job.jobId === importId);
    await settle();
    importId = (await h.client.call('project.importArchive', { file })).jobId;
    const result = await imported;
    expect(result.status).toBe('succeeded');
    expect(result.result as ProjectSummary).toMatchObject({ name: 'Job song', trackCount: 1 });
    expect((await h.client.call('job.list', {})).map((j) => j.jobId)).toEqual(
      expect.arrayContaining([exportId, importId]),
    );
  });

  it('turns a failing job into a typed failure, not a crash', async () => {
    const path = join(h.env.dataDir, 'garbage.layerline');
    await writeFile(path, 'definitely not a zip');
    const file = await h.provideFile(path);
    let jobId = '';
    const finished = waitFor('job.finished', (job) => job.jobId === jobId);
    await settle();
    jobId = (await h.client.call('project.importArchive', { file })).jobId;
    expect(await finished).toMatchObject({
      status: 'failed',
      error: { code: 'UNSUPPORTED_FORMAT' },
    });
    expect(await h.client.call('project.list', {})).toEqual([]);
  });

  it('issues tokens, never paths, for picked files', async () => {
    const path = join(h.env.dataDir, 'picked.layerline');
    await writeFile(path, 'x');
    h.env.ports.nextPick = [{ path, name: 'picked.layerline', bytes: 1, owned: false }];
    const picked = await h.client.call('file.pick', { purpose: 'projectArchive' });
    expect(picked).toHaveLength(1);
    expect(picked[0]?.file).toMatch(/^ft_[0-9a-f]{32}$/);
    expect(JSON.stringify(picked)).not.toContain(h.env.dataDir);
  });

  // timeline
  it('keeps the view state beside the history: no revision, no undo step, an event', async () => {
    const random = seededRandom(21);
    const { projectId } = await h.client.call('project.create', { name: 'View' });
    const track = makeTrack(random);
    await h.client.call('project.applyEdits', {
      projectId,
      baseRevision: 0,
      edits: [{ op: 'track.add', track, index: 0 }],
    });
    expect(await h.client.call('project.getView', { projectId })).toEqual({
      selection: null,
      trackHeights: {},
    });
    const changed = waitFor('project.viewChanged', (p) => p.projectId === projectId);
    await settle();
    const selection = { start: 960, end: 4800, trackIds: [track.id] };
    const view = await h.client.call('project.setView', {
      projectId,
      patch: { selection, trackHeights: { [track.id]: 140 } },
    });
    expect(view).toEqual({ selection, trackHeights: { [track.id]: 140 } });
    expect((await changed).view).toEqual(view);
    const snapshot = await h.client.call('project.get', { projectId });
    expect(snapshot.revision).toBe(1);
    expect(snapshot.history.undoLabel).toBe('Add track');
    expect(await h.client.call('project.getView', { projectId })).toEqual(view);

    // Removing the track removes it from the view as well.
    await h.client.call('project.applyEdits', {
      projectId,
      baseRevision: 1,
      edits: [{ op: 'track.remove', trackId: track.id }],
    });
    expect(await h.client.call('project.getView', { projectId })).toEqual({
      selection: null,
      trackHeights: {},
    });
    const tooSmall = await rejection(
      h.client.call('project.setView', { projectId, patch: { trackHeights: { [track.id]: 3 } } }),
    );
    expect(tooSmall.code).toBe('VALIDATION_FAILED');
  });
});
