/**
 * A project's view state (selection, track heights) in the query cache: applied at once,
 * sent to main in order with later changes folded into one call while one is in flight.
 * Pushed project.viewChanged events (other windows) land in the same cache entry.
 */
import type { QueryClient } from '@tanstack/react-query';

import type { StudioClient } from '../../../app/contract/client.ts';
import type { ProjectId } from '../../../app/model/ids.ts';
import { applyViewPatch, type ProjectView, type ViewPatch } from '../../../app/model/view.ts';
import { studioKey, type StudioQueryKey } from './query-keys.ts';

export function viewKey(projectId: ProjectId): StudioQueryKey<'project.getView'> {
  return studioKey('project.getView', { projectId });
}

/** `later` on top of `earlier`, as one patch. */
export function mergeViewPatches(earlier: ViewPatch, later: ViewPatch): ViewPatch {
  const merged: ViewPatch = { ...earlier };
  if (later.selection !== undefined) {
    merged.selection = later.selection;
  }
  if (later.trackHeights !== undefined) {
    merged.trackHeights = { ...earlier.trackHeights, ...later.trackHeights };
  }
  return merged;
}

export class ViewSender {
  readonly #client: StudioClient;
  readonly #queryClient: QueryClient;
  readonly #onError: (error: unknown) => void;
  readonly #pending = new Map<ProjectId, ViewPatch>();
  readonly #busy = new Set<ProjectId>();

  constructor(deps: {
    client: StudioClient;
    queryClient: QueryClient;
    onError: (error: unknown) => void;
  }) {
    this.#client = deps.client;
    this.#queryClient = deps.queryClient;
    this.#onError = deps.onError;
  }

  /** Shows `patch` now and stores it; a failure puts back what main has. */
  set(projectId: ProjectId, patch: ViewPatch): void {
    this.#queryClient.setQueryData<ProjectView>(viewKey(projectId), (view) =>
      view === undefined ? view : applyViewPatch(view, patch),
    );
    const pending = this.#pending.get(projectId);
    this.#pending.set(projectId, pending === undefined ? patch : mergeViewPatches(pending, patch));
    void this.#flush(projectId);
  }

  async #flush(projectId: ProjectId): Promise<void> {
    if (this.#busy.has(projectId)) {
      return;
    }
    const patch = this.#pending.get(projectId);
    if (patch === undefined) {
      return;
    }
    this.#pending.delete(projectId);
    this.#busy.add(projectId);
    try {
      await this.#client.call('project.setView', { projectId, patch });
    } catch (error) {
      void this.#queryClient.invalidateQueries({ queryKey: viewKey(projectId) });
      this.#onError(error);
    } finally {
      this.#busy.delete(projectId);
    }
    await this.#flush(projectId);
  }
}
