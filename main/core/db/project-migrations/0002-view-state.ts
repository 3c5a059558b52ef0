import type { Migration } from '../migrate.ts';

/**
 * The project's view state (time selection, track heights): one JSON document, validated on
 * read (app/model/view.ts). Not part of the edit history on purpose.
 */
export const m0002ViewState: Migration = {
  version: 2,
  name: 'view-state',
  up(db) {
    db.exec(`
      CREATE TABLE view_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        view TEXT NOT NULL CHECK (json_valid(view)),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
