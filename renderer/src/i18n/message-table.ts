import type { enExport } from './messages-en-export.ts';
import type { enGenerate } from './messages-en-generate.ts';
import type { enModels } from './messages-en-models.ts';
import type { enProject } from './messages-en-project.ts';
import type { enShell } from './messages-en-shell.ts';
import type { enTimeline } from './messages-en-timeline.ts';

/** A translation of one area: one string for every English key of it. */
export type ShellTable = Record<keyof typeof enShell, string>;
export type ProjectTable = Record<keyof typeof enProject, string>;
export type TimelineTable = Record<keyof typeof enTimeline, string>;
export type GenerateTable = Record<keyof typeof enGenerate, string>;
export type ModelsTable = Record<keyof typeof enModels, string>;
export type ExportTable = Record<keyof typeof enExport, string>;
export type MessageTable = ShellTable &
  ProjectTable &
  TimelineTable &
  GenerateTable &
  ModelsTable &
  ExportTable;
