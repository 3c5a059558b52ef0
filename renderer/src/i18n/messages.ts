/** Every message table, keyed by locale. English is the source: its keys are the key type. */
import type { Locale } from './locales.ts';
import { en } from './messages-en.ts';
import { ja } from './messages-ja.ts';
import { zh } from './messages-zh.ts';

export type MessageKey = keyof typeof en;

export const MESSAGES: Record<Locale, Partial<Record<MessageKey, string>>> & {
  en: Record<MessageKey, string>;
} = { en, zh, ja };
