/**
 * The window's interface language for code outside components (error text, job words,
 * formatters): the I18nProvider sets it before its children render. One window, one language.
 */
import { formatMessage, type MessageParams } from './format-message.ts';
import { type Locale, LOCALE_TAGS } from './locales.ts';
import { type MessageKey, MESSAGES } from './messages.ts';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A translator for one locale (every table is complete; the types check it). */
export function translator(locale: Locale): Translate {
  const table = MESSAGES[locale];
  const tag = LOCALE_TAGS[locale];
  return (key, params = {}) => formatMessage(table[key], params, tag);
}

let active: { locale: Locale; t: Translate } = { locale: 'en', t: translator('en') };

export function activateLocale(locale: Locale): Translate {
  if (active.locale !== locale) {
    active = { locale, t: translator(locale) };
  }
  return active.t;
}

/** Translates with the active language. */
export const tr: Translate = (key, params) => active.t(key, params);

/** The active language's BCP 47 tag, for Intl formatters. */
export const activeTag = (): string => LOCALE_TAGS[active.locale];
