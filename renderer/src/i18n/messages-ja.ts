/** 日本語：every key of the interface (checked against English by the type). */
import type { MessageTable } from './message-table.ts';
import { jaGenerate } from './messages-ja-generate.ts';
import { jaProject } from './messages-ja-project.ts';
import { jaShell } from './messages-ja-shell.ts';
import { jaTimeline } from './messages-ja-timeline.ts';

export const ja: MessageTable = { ...jaShell, ...jaProject, ...jaTimeline, ...jaGenerate };
