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

import { activateLocale, type Translate } from './active.ts';
import { initialLocale, type Locale, LOCALE_TAGS, saveLocale } from './locales.ts';

export { type Translate, translator } from './active.ts';

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({
  locale: 'en',
  setLocale: () => undefined,
  t: activateLocale('en'),
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
  // Activated during render, so code outside components (error text) speaks it at once.
  const value = useMemo(
    () => ({ locale, setLocale, t: activateLocale(locale) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}

export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const { locale, setLocale } = useContext(I18nContext);
  return { locale, setLocale };
}
