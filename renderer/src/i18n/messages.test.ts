import { describe, expect, it } from 'vitest';

import { activateLocale, tr, translator } from './active.ts';
import { editLabel, jobLabel, KNOWN_LABELS, TRANSLATED_LABELS } from './app-messages.ts';
import { formatMessage } from './format-message.ts';
import { LOCALES } from './locales.ts';
import { type MessageKey, MESSAGES } from './messages.ts';

const keys = Object.keys(MESSAGES.en) as MessageKey[];
/** The {names} a message takes (plural selectors included). */
const params = (text: string) =>
  [...text.matchAll(/\{(\w+)(?=[,}])/g)]
    .map((m) => m[1])
    .filter((n) => n !== undefined)
    .sort();
/** Messages that read the same in every language (units, symbols). */
const SAME_EVERYWHERE = new Set<MessageKey>(['meta.bpm', 'list.muteSolo', 'length.separator']);

describe('translations', () => {
  it('give Chinese and Japanese every key with the same parameters as English', () => {
    for (const locale of ['zh', 'ja'] as const) {
      for (const key of keys) {
        const text = MESSAGES[locale][key];
        expect(typeof text, `${locale} ${key}`).toBe('string');
        expect(params(text), `${locale} ${key}`).toEqual(params(MESSAGES.en[key]));
      }
    }
  });

  it('are real translations, not English copied over', () => {
    for (const locale of ['zh', 'ja'] as const) {
      const untranslated = keys.filter(
        (key) => !SAME_EVERYWHERE.has(key) && MESSAGES[locale][key] === MESSAGES.en[key],
      );
      expect(untranslated, locale).toEqual([]);
      // Every message has at least one character outside ASCII (CJK text), bar the exceptions.
      const ascii = keys.filter(
        (key) => !SAME_EVERYWHERE.has(key) && !/[^ -~\s]/u.test(MESSAGES[locale][key]),
      );
      expect(ascii, locale).toEqual([]);
    }
  });

  it('format in every language with sample parameters', () => {
    const sample = { n: 2, name: 'X', count: 3, label: 'L', what: 'W', min: 1, max: 9, query: 'q' };
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const key of keys) {
        expect(() => t(key, sample), `${locale} ${key}`).not.toThrow();
        expect(t(key, sample)).not.toMatch(/\{count|\{n\}|\{name\}/);
      }
    }
    expect(formatMessage(MESSAGES.zh['library.tracks'], { count: 1 }, 'zh-CN')).toBe('1 条音轨');
    expect(formatMessage(MESSAGES.ja['inspector.clips'], { count: 2 }, 'ja')).toBe(
      '2 個のクリップを選択中',
    );
  });

  it('name every undo label and job label the studio gives', () => {
    expect([...TRANSLATED_LABELS].sort()).toEqual([...new Set(KNOWN_LABELS)].sort());
    activateLocale('ja');
    try {
      expect(editLabel('Rename track')).toBe('トラック名の変更');
      expect(editLabel('3 changes')).toBe('3 件の変更');
      expect(editLabel('Something new')).toBe('Something new');
      expect(jobLabel('Import “a.wav”')).toBe('「a.wav」の読み込み');
      expect(tr('project.undoStep', { label: editLabel('Split clip') })).toBe(
        '元に戻す：クリップの分割',
      );
    } finally {
      activateLocale('en');
    }
  });
});
