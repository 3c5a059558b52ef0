/**
 * English, the source language: every key of the interface, by area. Keys are `area.thing`;
 * values use {name} parameters and ICU plural forms (format-message.ts).
 */
import { enExport } from './messages-en-export.ts';
import { enGenerate } from './messages-en-generate.ts';
import { enModels } from './messages-en-models.ts';
import { enProject } from './messages-en-project.ts';
import { enShell } from './messages-en-shell.ts';
import { enTimeline } from './messages-en-timeline.ts';

/** The areas in order; the completeness test checks each translation area by area. */
export const enAreas = [enShell, enProject, enTimeline, enGenerate, enModels, enExport] as const;

export const en = {
  ...enShell,
  ...enProject,
  ...enTimeline,
  ...enGenerate,
  ...enModels,
  ...enExport,
} as const;
