/** The interface languages, like the official ACE-Step UI: English, Simplified Chinese, Japanese. */
export const LOCALES = ['en', 'zh', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language named in itself, for the language setting. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  zh: '简体中文',
  ja: '日本語',
};

/** BCP 47 tags for <html lang> and Intl. */
export const LOCALE_TAGS: Record<Locale, string> = { en: 'en', zh: 'zh-CN', ja: 'ja' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The first of the browser's preferred languages we speak; English otherwise. */
export function detectLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) {
      return base;
    }
  }
  return 'en';
}

const STORAGE_KEY = 'layerline.locale';

/** The saved language setting, else the browser's. */
export function initialLocale(
  storage: Pick<Storage, 'getItem'> | null,
  preferred: readonly string[],
): Locale {
  let saved: string | null;
  try {
    saved = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    saved = null; // storage can be unavailable (privacy settings): fall back to the browser
  }
  return isLocale(saved) ? saved : detectLocale(preferred);
}

export function saveLocale(storage: Pick<Storage, 'setItem'> | null, locale: Locale): void {
  try {
    storage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Not saved: the choice still applies to this window.
  }
}
