/** Every event main pushes to clients: `domain.pastTense` with a zod payload. */
import { z } from 'zod';

import { ProjectId } from '../model/ids.ts';
import { ProjectView } from '../model/view.ts';
import { JobFinished, JobProgressed, JobState } from './jobs.ts';
import type { EventName } from './names.ts';

export const events = {
  /** The project list changed (created, renamed, duplicated, deleted, imported). */
  'library.changed': z.object({}),
  /** A project's state changed; `revision` is its new revision. */
  'project.changed': z.object({ projectId: ProjectId, revision: z.number().int().min(0) }),
  'job.started': JobState,
  'job.progressed': JobProgressed,
  'job.finished': JobFinished,
  /** A native menu item the renderer acts on (desktop only). */
  'app.menuCommand': z.object({ command: z.enum(['undo', 'redo']) }),
  // Model manager (models engineer).
  /** Components were installed, removed, paused or verified; refetch models.overview. */
  'models.changed': z.object({}),
  // timeline
  /** A project's view state changed (any window); carries the whole new view. */
  'project.viewChanged': z.object({ projectId: ProjectId, view: ProjectView }),
} as const satisfies Record<EventName, z.ZodType>;

export type Events = typeof events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
