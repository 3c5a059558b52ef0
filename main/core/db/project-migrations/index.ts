import type { Migration } from '../migrate.ts';
import { m0001Init } from './0001-init.ts';
import { m0002ViewState } from './0002-view-state.ts';
import { m0003Audio } from './0003-audio.ts';
import { m0004Workflows } from './0004-workflows.ts';

/** Project file schema, in order. Append only: a shipped migration never changes. */
export const projectMigrations: readonly Migration[] = [
  m0001Init,
  m0002ViewState,
  m0003Audio,
  m0004Workflows,
];
