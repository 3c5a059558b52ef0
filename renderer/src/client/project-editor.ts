/**
 * Project edits with optimistic updates. The cached snapshot changes at once through the same
 * pure `applyEdits` main runs; the calls to main go out one at a time per project. On CONFLICT
 * the batch is rebased once on a fresh snapshot; any other failure rolls the cache back and
 * reports the error.
 */
import type { QueryClient } from '@tanstack/react-query';

import type { StudioClient } from '../../../app/contract/client.ts';
import { isStudioError, StudioError } from '../../../app/errors.ts';
import { describeEdits } from '../../../app/model/edit-labels.ts';
import { applyEdits, type EditOp } from '../../../app/model/edits.ts';
import type { ProjectId } from '../../../app/model/ids.ts';
import type { ProjectSnapshot } from '../../../app/model/project.ts';
import { snapshotKey } from './query-keys.ts';

export interface ProjectEditorDeps {
  client: StudioClient;
  queryClient: QueryClient;
  onError: (error: unknown) => void;
}

/** What main will answer after accepting `edits` on `snapshot`: one revision and undo step on. */
export function predictSnapshot(
  snapshot: ProjectSnapshot,
  edits: readonly EditOp[],
  label?: string,
): ProjectSnapshot {
  return {
    ...snapshot,
    revision: snapshot.revision + 1,
    state: applyEdits(snapshot.state, edits).state,
    history: {
      canUndo: true,
      undoLabel: label ?? describeEdits(edits),
      canRedo: false,
      redoLabel: null,
    },
  };
}

export class ProjectEditor {
  readonly #deps: ProjectEditorDeps;
  /** The tail of each project's call queue; absent when the queue is idle. */
  readonly #queues = new Map<ProjectId, Promise<boolean>>();

  constructor(deps: ProjectEditorDeps) {
    this.#deps = deps;
  }

  /** Applies `edits` optimistically and sends them; resolves false when they were rolled back. */
  async apply(projectId: ProjectId, edits: EditOp[], label?: string): Promise<boolean> {
    const { queryClient } = this.#deps;
    const key = snapshotKey(projectId);
    const before = queryClient.getQueryData<ProjectSnapshot>(key);
    if (before === undefined) {
      this.#deps.onError(new StudioError('NOT_FOUND', 'The project is not loaded yet.'));
      return false;
    }
    let predicted: ProjectSnapshot;
    try {
      predicted = predictSnapshot(before, edits, label);
    } catch (error) {
      this.#deps.onError(error);
      return false;
    }
    // Shown at once, so the next edit (a quick second gesture) builds on this one.
    queryClient.setQueryData(key, predicted);
    // A cancelled refetch restores the data it started from once it settles; if that undid
    // the prediction (and no later edit replaced it), put it back.
    await queryClient.cancelQueries({ queryKey: key });
    const settled = queryClient.getQueryData<ProjectSnapshot>(key);
    if (settled !== predicted && (settled === undefined || settled.revision <= before.revision)) {
      queryClient.setQueryData(key, predicted);
    }
    return this.#enqueue(projectId, () => this.#send(projectId, before, edits, label));
  }

  undo(projectId: ProjectId): Promise<boolean> {
    return this.#travel(projectId, 'project.undo');
  }

  redo(projectId: ProjectId): Promise<boolean> {
    return this.#travel(projectId, 'project.redo');
  }

  /** Resolves once every call queued for `projectId` so far has settled. */
  async settled(projectId: ProjectId): Promise<void> {
    await this.#queues.get(projectId);
  }

  #enqueue(projectId: ProjectId, task: () => Promise<boolean>): Promise<boolean> {
    const previous = this.#queues.get(projectId) ?? Promise.resolve(true);
    const next = previous.then(task, task);
    this.#queues.set(projectId, next);
    void next.then((ok) => {
      if (this.#queues.get(projectId) === next) {
        this.#queues.delete(projectId);
        if (ok) {
          // Idle again: pick up anything the prediction could not know (labels, other windows).
          void this.#deps.queryClient.invalidateQueries({ queryKey: snapshotKey(projectId) });
        }
      }
    });
    return next;
  }

  async #send(
    projectId: ProjectId,
    before: ProjectSnapshot,
    edits: EditOp[],
    label: string | undefined,
  ): Promise<boolean> {
    const { client, queryClient } = this.#deps;
    const key = snapshotKey(projectId);
    const labelled = label === undefined ? {} : { label };
    try {
      await client.call('project.applyEdits', {
        projectId,
        baseRevision: before.revision,
        edits,
        ...labelled,
      });
      return true;
    } catch (error) {
      let failure: unknown = error;
      if (isStudioError(error, 'CONFLICT')) {
        try {
          const fresh = await queryClient.query({
            queryKey: key,
            queryFn: () => client.call('project.get', { projectId }),
            staleTime: 0,
          });
          queryClient.setQueryData(key, predictSnapshot(fresh, edits, label));
          await client.call('project.applyEdits', {
            projectId,
            baseRevision: fresh.revision,
            edits,
            ...labelled,
          });
          return true;
        } catch (retryError) {
          failure = retryError;
        }
      }
      queryClient.setQueryData(key, before);
      void queryClient.invalidateQueries({ queryKey: key });
      this.#deps.onError(failure);
      return false;
    }
  }

  #travel(projectId: ProjectId, method: 'project.undo' | 'project.redo'): Promise<boolean> {
    const { client } = this.#deps;
    return this.#enqueue(projectId, async () => {
      try {
        // Not optimistic: only main knows the history. The idle refetch brings the result.
        await client.call(method, { projectId });
        return true;
      } catch (error) {
        this.#deps.onError(error);
        return false;
      }
    });
  }
}
