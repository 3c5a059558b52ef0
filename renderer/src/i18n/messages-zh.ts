/** 简体中文：every key of the interface (checked against English by the type). */
import type { MessageTable } from './message-table.ts';
import { zhExport } from './messages-zh-export.ts';
import { zhGenerate } from './messages-zh-generate.ts';
import { zhModels } from './messages-zh-models.ts';
import { zhProject } from './messages-zh-project.ts';
import { zhShell } from './messages-zh-shell.ts';
import { zhTimeline } from './messages-zh-timeline.ts';

/** The areas in the order of English's (messages-en.ts), for the completeness test. */
export const zhAreas = [zhShell, zhProject, zhTimeline, zhGenerate, zhModels, zhExport] as const;

export const zh: MessageTable = {
  ...zhShell,
  ...zhProject,
  ...zhTimeline,
  ...zhGenerate,
  ...zhModels,
  ...zhExport,
};
