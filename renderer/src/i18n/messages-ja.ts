/** 日本語：every key of the interface (checked against English by the type). */
import type { MessageTable } from './message-table.ts';
import { jaExport } from './messages-ja-export.ts';
import { jaGenerate } from './messages-ja-generate.ts';
import { jaModels } from './messages-ja-models.ts';
import { jaProject } from './messages-ja-project.ts';
import { jaShell } from './messages-ja-shell.ts';
import { jaTimeline } from './messages-ja-timeline.ts';

/** The areas in the order of English's (messages-en.ts), for the completeness test. */
export const jaAreas = [jaShell, jaProject, jaTimeline, jaGenerate, jaModels, jaExport] as const;

export const ja: MessageTable = {
  ...jaShell,
  ...jaProject,
  ...jaTimeline,
  ...jaGenerate,
  ...jaModels,
  ...jaExport,
};
