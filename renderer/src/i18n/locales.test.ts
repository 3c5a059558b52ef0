import { describe, expect, it } from 'vitest';

import { translator } from './I18nProvider.tsx';
import { detectLocale, initialLocale, LOCALES, saveLocale } from './locales.ts';
import { MESSAGES } from './messages.ts';

describe('languages', () => {
  it('picks the first preferred language it speaks, else English', () => {
    expect(detectLocale(['fr-FR', 'ja-JP', 'zh-CN'])).toBe('ja');
    expect(detectLocale(['zh-Hans-CN'])).toBe('zh');
    expect(detectLocale(['de'])).toBe('en');
  });

  it('prefers the saved setting and survives storage that throws', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
    };
    expect(initialLocale(storage, ['ja'])).toBe('ja');
    saveLocale(storage, 'zh');
    expect(initialLocale(storage, ['ja'])).toBe('zh');
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
    };
    expect(initialLocale(broken, ['en-GB'])).toBe('en');
  });

  it('translates with parameters and falls back to English for a missing key', () => {
    const en = translator('en');
    expect(en('track.name', { n: 3 })).toBe('Name of track 3');
    for (const locale of LOCALES) {
      const t = translator(locale);
      expect(t('track.name', { n: 3 })).toContain('3');
    }
    expect(Object.keys(MESSAGES.en).length).toBeGreaterThan(10);
  });
});
