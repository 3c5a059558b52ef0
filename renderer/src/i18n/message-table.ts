import type { en } from './messages-en.ts';

/** A translation: one string for every English key. */
export type MessageTable = Record<keyof typeof en, string>;
