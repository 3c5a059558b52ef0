/** 简体中文：every key of the interface (checked against English by the type). */
import type { MessageTable } from './message-table.ts';
import { zhGenerate } from './messages-zh-generate.ts';
import { zhProject } from './messages-zh-project.ts';
import { zhShell } from './messages-zh-shell.ts';
import { zhTimeline } from './messages-zh-timeline.ts';

export const zh: MessageTable = { ...zhShell, ...zhProject, ...zhTimeline, ...zhGenerate };
