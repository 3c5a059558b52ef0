/** The current language for every component below, with `t` and the language setting. */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

import { formatMessage, type MessageParams } from './format-message.ts';
import { initialLocale, type Locale, LOCALE_TAGS, saveLocale } from './locales.ts';
import { type MessageKey, MESSAGES } from './messages.ts';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

/** A translator for one locale; English fills any gap. */
export function translator(locale: Locale): Translate {
  const table = MESSAGES[locale];
  const tag = LOCALE_TAGS[locale];
  return (key, params = {}) => formatMessage(table[key] ?? MESSAGES.en[key], params, tag);
}

const I18nContext = createContext<I18nValue>({
  locale: 'en',
  setLocale: () => undefined,
  t: translator('en'),
});

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

export function I18nProvider(props: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(
    () => props.locale ?? initialLocale(storage(), navigator.languages),
  );
  const setLocale = useCallback((next: Locale) => {
    saveLocale(storage(), next);
    setLocaleState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = LOCALE_TAGS[locale];
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale, t: translator(locale) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}

export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const { locale, setLocale } = useContext(I18nContext);
  return { locale, setLocale };
}
