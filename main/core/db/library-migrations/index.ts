import type { Migration } from '../migrate.ts';
import { m0001Init } from './0001-init.ts';

/** Library schema, in order. Append only: a shipped migration never changes. */
export const libraryMigrations: readonly Migration[] = [m0001Init];
