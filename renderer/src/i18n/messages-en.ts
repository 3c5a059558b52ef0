/**
 * English, the source language: every key of the interface, by area. Keys are `area.thing`;
 * values use {name} parameters and ICU plural forms (format-message.ts).
 */
import { enGenerate } from './messages-en-generate.ts';
import { enProject } from './messages-en-project.ts';
import { enShell } from './messages-en-shell.ts';
import { enTimeline } from './messages-en-timeline.ts';

export const en = { ...enShell, ...enProject, ...enTimeline, ...enGenerate } as const;
