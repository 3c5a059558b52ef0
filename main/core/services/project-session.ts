/**
 * One open project: its store, its media folder and the authoritative in-memory state.
 * Every change goes through here: one transaction, a revision check, the history and the log.
 */
import { join } from 'node:path';

import { StudioError } from '../../../app/errors.ts';
import type { Logger } from '../../../app/log.ts';
import { describeEdits } from '../../../app/model/edit-labels.ts';
import { applyEdits, type EditOp } from '../../../app/model/edits.ts';
import type { ProjectId } from '../../../app/model/ids.ts';
import type { ProjectSnapshot, ProjectState } from '../../../app/model/project.ts';
import {
  applyViewPatch,
  DEFAULT_VIEW,
  ProjectView,
  viewForState,
  type ViewPatch,
} from '../../../app/model/view.ts';
import { type MediaRow, ProjectStore } from '../db/project-store.ts';
import { AudioStore } from '../media/audio-store.ts';
import { MediaStore } from '../media/media-store.ts';

export const PROJECT_FILE = 'project.sqlite';

export interface ChangeResult {
  revision: number;
  trackCount: number;
}

const conflict = (revision: number, baseRevision: number): StudioError =>
  new StudioError(
    'CONFLICT',
    `The project changed meanwhile (revision ${revision}; the edit was based on ${baseRevision}).`,
    { revision, baseRevision },
  );

export class ProjectSession {
  readonly id: ProjectId;
  readonly dir: string;
  readonly store: ProjectStore;
  readonly media: MediaStore;
  readonly #log: Logger;
  /** Import, generated audio, reads and peaks (the audio engine's store). */
  readonly audio: AudioStore;
  #state: ProjectState;
  #revision: number;
  #name: string;

  private constructor(dir: string, store: ProjectStore, log: Logger, now: () => number) {
    this.dir = dir;
    this.#log = log;
    this.store = store;
    this.media = new MediaStore(dir);
    this.audio = new AudioStore({ projectDir: dir, store, media: this.media, log, now });
    const info = store.info();
    this.id = info.id;
    this.#name = info.name;
    this.#revision = info.revision;
    this.#state = store.loadState();
  }

  static open(dir: string, log: Logger, now: () => number = Date.now): ProjectSession {
    const store = ProjectStore.open(join(dir, PROJECT_FILE), log);
    try {
      return new ProjectSession(dir, store, log, now);
    } catch (error) {
      store.close();
      throw error;
    }
  }

  get name(): string {
    return this.#name;
  }

  get revision(): number {
    return this.#revision;
  }

  get state(): ProjectState {
    return this.#state;
  }

  snapshot(): ProjectSnapshot {
    return {
      projectId: this.id,
      name: this.#name,
      revision: this.#revision,
      state: this.#state,
      history: this.store.historyState(),
    };
  }

  /** Applies a batch if `baseRevision` is current (else CONFLICT); one undo step. */
  applyEdits(
    baseRevision: number,
    ops: EditOp[],
    label: string | undefined,
    now: number,
  ): ChangeResult {
    if (baseRevision !== this.#revision) {
      throw conflict(this.#revision, baseRevision);
    }
    const before = this.#state;
    const { state: after, inverse } = applyEdits(before, ops);
    const revision = this.store.transaction(() => {
      const current = this.store.info().revision;
      if (current !== baseRevision) {
        throw conflict(current, baseRevision);
      }
      this.store.writeDiff(before, after, now);
      const seq = this.store.pushHistory(label ?? describeEdits(ops), ops, inverse, now);
      return this.#commit(current + 1, 'edit', seq, ops, now);
    });
    return this.#accept(after, revision);
  }

  /** Reverts the newest undoable step; CONFLICT when there is none. */
  undo(now: number): ChangeResult {
    return this.#travel(false, now);
  }

  /** Re-applies the oldest undone step; CONFLICT when there is none. */
  redo(now: number): ChangeResult {
    return this.#travel(true, now);
  }

  #travel(redo: boolean, now: number): ChangeResult {
    const entry = this.store.nextHistory(redo);
    if (entry === null) {
      throw new StudioError('CONFLICT', redo ? 'Nothing to redo.' : 'Nothing to undo.');
    }
    const ops = redo ? entry.forward : entry.inverse;
    const before = this.#state;
    const { state: after } = applyEdits(before, ops);
    const revision = this.store.transaction(() => {
      this.store.writeDiff(before, after, now);
      this.store.markHistory(entry.seq, !redo);
      return this.#commit(
        this.store.info().revision + 1,
        redo ? 'redo' : 'undo',
        entry.seq,
        ops,
        now,
      );
    });
    return this.#accept(after, revision);
  }

  #commit(
    revision: number,
    kind: 'edit' | 'undo' | 'redo',
    seq: number,
    ops: EditOp[],
    now: number,
  ): number {
    this.store.setRevision(revision, now);
    this.store.logEdit(revision, kind, seq, ops, now);
    return revision;
  }

  #accept(state: ProjectState, revision: number): ChangeResult {
    this.#state = state;
    this.#revision = revision;
    return { revision, trackCount: state.tracks.length };
  }

  /** The view state, without tracks that are gone; the default when unset or unreadable. */
  view(): ProjectView {
    const parsed = ProjectView.safeParse(this.store.readView());
    if (!parsed.success) {
      // View state is a convenience: a damaged one is reset rather than blocking the project.
      this.#log.warn('project.view_invalid', { projectId: this.id });
      return viewForState(DEFAULT_VIEW, this.#state);
    }
    return viewForState(parsed.data, this.#state);
  }

  /** Changes the view state; no revision, no history. */
  setView(patch: ViewPatch, now: number): ProjectView {
    const next = viewForState(applyViewPatch(this.view(), patch), this.#state);
    this.store.writeView(next, now);
    return next;
  }

  rename(name: string, now: number): void {
    this.store.rename(name, now);
    this.#name = name;
  }

  /** Stores a file in the media folder and records it; returns its row. */
  async addMediaFile(
    source: string,
    meta: { name: string; mime: string },
    options: { signal?: AbortSignal; now: number },
  ): Promise<MediaRow> {
    const stored = await this.media.putFile(
      source,
      options.signal === undefined ? {} : { signal: options.signal },
    );
    const row: MediaRow = {
      hash: stored.hash,
      mime: meta.mime,
      bytes: stored.bytes,
      name: meta.name,
    };
    this.store.addMedia(row, options.now);
    return row;
  }

  close(): void {
    this.store.close();
  }
}
