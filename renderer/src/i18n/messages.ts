/** Every message table, keyed by locale. English is the source: its keys are the key type. */
import type { Locale } from './locales.ts';
import type { MessageTable } from './message-table.ts';
import { en } from './messages-en.ts';
import { ja } from './messages-ja.ts';
import { zh } from './messages-zh.ts';

export type MessageKey = keyof typeof en;

/** Complete tables: the types make a missing or unknown key a build error. */
export const MESSAGES: Record<Locale, MessageTable> = { en, zh, ja };
