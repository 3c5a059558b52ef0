/**
 * One project's SQLite file: the only code that reads or writes its rows. Rows map to app/
 * model types here; JSON columns are zod-parsed on read.
 */
import { z } from 'zod';

import { StudioError } from '../../../app/errors.ts';
import type { Logger } from '../../../app/log.ts';
import { EditOp } from '../../../app/model/edits.ts';
import type { MediaHash, ProjectId } from '../../../app/model/ids.ts';
import {
  type Clip,
  type HistoryState,
  type ProjectMeta,
  ProjectState,
  type Track,
} from '../../../app/model/project.ts';
import type { ProjectView } from '../../../app/model/view.ts';
import {
  integrityCheck,
  isForeignKeyError,
  openDatabase,
  type SqliteDatabase,
} from './database.ts';
import { ProjectAudioRepo } from './project-audio-repo.ts';
import { projectMigrations } from './project-migrations/index.ts';
import { ProjectWorkflowRepo } from './project-workflow-repo.ts';

const StoredOps = z.array(EditOp);

export interface ProjectInfo {
  id: ProjectId;
  name: string;
  revision: number;
  createdAt: number;
  updatedAt: number;
}

export interface HistoryEntry {
  seq: number;
  label: string;
  forward: EditOp[];
  inverse: EditOp[];
}

export interface MediaRow {
  hash: MediaHash;
  mime: string;
  bytes: number;
  name: string;
}

interface ProjectRow {
  id: string;
  name: string;
  tempo: number;
  ts_numerator: number;
  ts_denominator: number;
  key_tonic: string | null;
  key_mode: string | null;
  sample_rate: number;
  revision: number;
  created_at: number;
  updated_at: number;
}

interface TrackRow {
  id: string;
  position: number;
  name: string;
  instrument_class: string | null;
  instrument_label: string | null;
  color: string;
  gain_db: number;
  pan: number;
  mute: number;
  solo: number;
}

interface ClipRow {
  id: string;
  track_id: string;
  start_ticks: number;
  length_ticks: number;
  media_hash: string;
  source_offset: number;
  gain_db: number;
  fade_in: number;
  fade_out: number;
  name: string;
}

const trackRow = (track: Track, position: number): TrackRow => ({
  id: track.id,
  position,
  name: track.name,
  instrument_class: track.instrument.kind === 'ace' ? track.instrument.trackClass : null,
  instrument_label: track.instrument.kind === 'custom' ? track.instrument.label : null,
  color: track.color,
  gain_db: track.gainDb,
  pan: track.pan,
  mute: track.mute ? 1 : 0,
  solo: track.solo ? 1 : 0,
});

const clipRow = (clip: Clip): ClipRow => ({
  id: clip.id,
  track_id: clip.trackId,
  start_ticks: clip.start,
  length_ticks: clip.length,
  media_hash: clip.mediaHash,
  source_offset: clip.sourceOffset,
  gain_db: clip.gainDb,
  fade_in: clip.fadeIn,
  fade_out: clip.fadeOut,
  name: clip.name,
});

const sameRow = (a: object, b: object): boolean => JSON.stringify(a) === JSON.stringify(b);

export class ProjectStore {
  readonly #db: SqliteDatabase;
  /** The audio tables (studio files, their sources, provenance). */
  readonly audio: ProjectAudioRepo;
  /** Generation workflows: clips' takes and the runs' parameters. */
  readonly workflows: ProjectWorkflowRepo;

  private constructor(db: SqliteDatabase) {
    this.#db = db;
    this.audio = new ProjectAudioRepo(db);
    this.workflows = new ProjectWorkflowRepo(db, db.name);
  }

  /** Opens and migrates an existing project file. */
  static open(path: string, log: Logger, options: { targetVersion?: number } = {}): ProjectStore {
    const store = new ProjectStore(
      openDatabase(path, { migrations: projectMigrations, log, ...options }),
    );
    if (store.#db.prepare('SELECT count(*) AS n FROM project').pluck().get() !== 1) {
      store.close();
      throw new StudioError('STORAGE_FAILED', `${path} is not a Layerline project.`, { path });
    }
    return store;
  }

  /** Creates a new project file at `path` (which must not exist). */
  static create(
    path: string,
    init: { id: ProjectId; name: string; meta: ProjectMeta; now: number },
    log: Logger,
  ): ProjectStore {
    const db = openDatabase(path, { migrations: projectMigrations, log });
    db.prepare(
      `INSERT INTO project (id, name, tempo, ts_numerator, ts_denominator, key_tonic, key_mode,
         sample_rate, revision, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    ).run(
      init.id,
      init.name,
      init.meta.tempo,
      init.meta.timeSignature.numerator,
      init.meta.timeSignature.denominator,
      init.meta.key?.tonic ?? null,
      init.meta.key?.mode ?? null,
      init.meta.sampleRate,
      init.now,
      init.now,
    );
    return new ProjectStore(db);
  }

  get path(): string {
    return this.#db.name;
  }

  close(): void {
    if (this.#db.open) {
      this.#db.close();
    }
  }

  /** Runs `work` in one IMMEDIATE transaction: all of it commits or none of it. */
  transaction<T>(work: () => T): T {
    try {
      return this.#db.transaction(work).immediate();
    } catch (error) {
      if (isForeignKeyError(error)) {
        throw new StudioError(
          'VALIDATION_FAILED',
          'A clip refers to media this project does not have.',
          undefined,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  info(): ProjectInfo {
    const row = this.#projectRow();
    return {
      id: row.id as ProjectId,
      name: row.name,
      revision: row.revision,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Reads the whole state; throws STORAGE_FAILED when a row is outside the model. */
  loadState(): ProjectState {
    const row = this.#projectRow();
    const tracks = (
      this.#db.prepare('SELECT * FROM tracks ORDER BY position').all() as TrackRow[]
    ).map((r) => ({
      id: r.id,
      name: r.name,
      instrument:
        r.instrument_class === null
          ? { kind: 'custom', label: r.instrument_label }
          : { kind: 'ace', trackClass: r.instrument_class },
      color: r.color,
      gainDb: r.gain_db,
      pan: r.pan,
      mute: r.mute === 1,
      solo: r.solo === 1,
    }));
    const clips = (this.#db.prepare('SELECT * FROM clips ORDER BY id').all() as ClipRow[]).map(
      (r) => ({
        id: r.id,
        trackId: r.track_id,
        start: r.start_ticks,
        length: r.length_ticks,
        mediaHash: r.media_hash,
        sourceOffset: r.source_offset,
        gainDb: r.gain_db,
        fadeIn: r.fade_in,
        fadeOut: r.fade_out,
        name: r.name,
      }),
    );
    const takes = this.workflows.loadTakes();
    const parsed = ProjectState.safeParse({
      ...(Object.keys(takes).length === 0 ? {} : { takes }),
      meta: {
        tempo: row.tempo,
        timeSignature: { numerator: row.ts_numerator, denominator: row.ts_denominator },
        key: row.key_tonic === null ? null : { tonic: row.key_tonic, mode: row.key_mode },
        sampleRate: row.sample_rate,
      },
      tracks,
      clips,
    });
    if (!parsed.success) {
      throw new StudioError(
        'STORAGE_FAILED',
        `${this.path} holds data outside the project model.`,
        {
          issues: parsed.error.issues.slice(0, 5).map((issue) => issue.message),
        },
      );
    }
    return parsed.data;
  }

  /** Writes the rows that differ between two states (call inside a transaction). */
  writeDiff(before: ProjectState, after: ProjectState, now: number): void {
    if (!sameRow(before.meta, after.meta)) {
      const { meta } = after;
      this.#db
        .prepare(
          `UPDATE project SET tempo = ?, ts_numerator = ?, ts_denominator = ?, key_tonic = ?,
             key_mode = ?, updated_at = ?`,
        )
        .run(
          meta.tempo,
          meta.timeSignature.numerator,
          meta.timeSignature.denominator,
          meta.key?.tonic ?? null,
          meta.key?.mode ?? null,
          now,
        );
    }
    const afterClips = new Map(after.clips.map((clip) => [clip.id, clip]));
    const afterTracks = new Set(after.tracks.map((track) => track.id));
    const deleteClip = this.#db.prepare('DELETE FROM clips WHERE id = ?');
    for (const clip of before.clips) {
      if (!afterClips.has(clip.id)) {
        deleteClip.run(clip.id);
      }
    }
    const deleteTrack = this.#db.prepare('DELETE FROM tracks WHERE id = ?');
    for (const track of before.tracks) {
      if (!afterTracks.has(track.id)) {
        deleteTrack.run(track.id);
      }
    }
    this.#upsertChanged(
      'tracks',
      new Map(before.tracks.map((track, i) => [track.id as string, trackRow(track, i)])),
      after.tracks.map((track, i) => trackRow(track, i)),
    );
    this.#upsertChanged(
      'clips',
      new Map(before.clips.map((clip) => [clip.id as string, clipRow(clip)])),
      after.clips.map(clipRow),
    );
    this.workflows.writeTakesDiff(before.takes, after.takes, now);
  }

  #upsertChanged(
    table: 'tracks' | 'clips',
    before: Map<string, object>,
    rows: { id: string }[],
  ): void {
    const first = rows[0];
    if (first === undefined) {
      return;
    }
    const columns = Object.keys(first);
    const upsert = this.#db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${columns
         .filter((c) => c !== 'id')
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    );
    for (const row of rows) {
      const old = before.get(row.id);
      if (old === undefined || !sameRow(old, row)) {
        upsert.run(row);
      }
    }
  }

  /** Sets the revision (and touches updated_at); call inside a transaction. */
  setRevision(revision: number, now: number): void {
    this.#db.prepare('UPDATE project SET revision = ?, updated_at = ?').run(revision, now);
  }

  rename(name: string, now: number): void {
    this.#db.prepare('UPDATE project SET name = ?, updated_at = ?').run(name, now);
  }

  /** Gives a copied project file its own identity. */
  reidentify(id: ProjectId, name: string, now: number): void {
    this.#db.prepare('UPDATE project SET id = ?, name = ?, updated_at = ?').run(id, name, now);
  }

  historyState(): HistoryState {
    const undo = this.#db
      .prepare('SELECT label FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get() as string | undefined;
    const redo = this.#db
      .prepare('SELECT label FROM history WHERE undone = 1 ORDER BY seq ASC LIMIT 1')
      .pluck()
      .get() as string | undefined;
    return {
      canUndo: undo !== undefined,
      canRedo: redo !== undefined,
      undoLabel: undo ?? null,
      redoLabel: redo ?? null,
    };
  }

  /** The entry undo would revert (`undone` = false) or redo would re-apply (true). */
  nextHistory(undone: boolean): HistoryEntry | null {
    const row = this.#db
      .prepare(
        `SELECT seq, label, forward, inverse FROM history WHERE undone = ?
         ORDER BY seq ${undone ? 'ASC' : 'DESC'} LIMIT 1`,
      )
      .get(undone ? 1 : 0) as
      { seq: number; label: string; forward: string; inverse: string } | undefined;
    if (row === undefined) {
      return null;
    }
    return {
      seq: row.seq,
      label: row.label,
      forward: this.#parseOps(row.forward),
      inverse: this.#parseOps(row.inverse),
    };
  }

  /** Records a new undoable step and drops the redo stack; returns its seq. */
  pushHistory(label: string, forward: EditOp[], inverse: EditOp[], now: number): number {
    this.#db.prepare('DELETE FROM history WHERE undone = 1').run();
    const result = this.#db
      .prepare(
        'INSERT INTO history (label, forward, inverse, undone, created_at) VALUES (?, ?, ?, 0, ?)',
      )
      .run(label, JSON.stringify(forward), JSON.stringify(inverse), now);
    return Number(result.lastInsertRowid);
  }

  markHistory(seq: number, undone: boolean): void {
    this.#db.prepare('UPDATE history SET undone = ? WHERE seq = ?').run(undone ? 1 : 0, seq);
  }

  logEdit(
    revision: number,
    kind: 'edit' | 'undo' | 'redo',
    seq: number,
    ops: EditOp[],
    now: number,
  ): void {
    this.#db
      .prepare(
        'INSERT INTO edit_log (revision, kind, history_seq, ops, applied_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(revision, kind, seq, JSON.stringify(ops), now);
  }

  /** Revisions recorded in the edit log, oldest first (for tests and diagnostics). */
  editLogRevisions(): number[] {
    return this.#db
      .prepare('SELECT revision FROM edit_log ORDER BY revision')
      .pluck()
      .all() as number[];
  }

  /** The stored view document, parsed as JSON but not yet validated; null when never set. */
  readView(): unknown {
    const json = this.#db.prepare('SELECT view FROM view_state WHERE id = 1').pluck().get() as
      string | undefined;
    return json === undefined ? null : (JSON.parse(json) as unknown);
  }

  writeView(view: ProjectView, now: number): void {
    this.#db
      .prepare(
        `INSERT INTO view_state (id, view, updated_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET view = excluded.view, updated_at = excluded.updated_at`,
      )
      .run(JSON.stringify(view), now);
  }

  addMedia(media: MediaRow, now: number): void {
    this.#db
      .prepare(
        `INSERT INTO media (hash, mime, bytes, name, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (hash) DO NOTHING`,
      )
      .run(media.hash, media.mime, media.bytes, media.name, now);
  }

  media(hash: string): MediaRow | null {
    const row = this.#db
      .prepare('SELECT hash, mime, bytes, name FROM media WHERE hash = ?')
      .get(hash);
    return (row as MediaRow | undefined) ?? null;
  }

  listMedia(): MediaRow[] {
    return this.#db
      .prepare('SELECT hash, mime, bytes, name FROM media ORDER BY hash')
      .all() as MediaRow[];
  }

  integrityCheck(): string {
    return integrityCheck(this.#db);
  }

  /** A consistent copy of the file at `destination`, taken while the project stays open. */
  async backupTo(destination: string): Promise<void> {
    await this.#db.backup(destination);
  }

  #projectRow(): ProjectRow {
    return this.#db.prepare('SELECT * FROM project').get() as ProjectRow;
  }

  #parseOps(json: string): EditOp[] {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      value = undefined;
    }
    const parsed = StoredOps.safeParse(value);
    if (!parsed.success) {
      throw new StudioError('STORAGE_FAILED', `${this.path} holds an undo step outside the model.`);
    }
    return parsed.data;
  }
}
