import { describe, expect, it } from 'vitest';

import { activateLocale, tr, translator } from './active.ts';
import { editLabel, jobLabel, KNOWN_LABELS, TRANSLATED_LABELS } from './app-messages.ts';
import { formatMessage } from './format-message.ts';
import { LOCALES } from './locales.ts';
import { type MessageKey, MESSAGES } from './messages.ts';
import { enAreas } from './messages-en.ts';
import { jaAreas } from './messages-ja.ts';
import { zhAreas } from './messages-zh.ts';

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

  it('translate every area key for key: none missing, none extra, none in two areas', () => {
    const sorted = (table: object) => Object.keys(table).sort();
    // English areas do not share keys (a spread would silently drop one of the two).
    expect(enAreas.reduce((n, area) => n + Object.keys(area).length, 0)).toBe(keys.length);
    expect(enAreas.map((area) => Object.keys(area)[0])).toContain('models.loading');
    expect(enAreas.map((area) => Object.keys(area)[0])).toContain('export.open');
    for (const [locale, areas] of [
      ['ja', jaAreas],
      ['zh', zhAreas],
    ] as const) {
      expect(areas.length, locale).toBe(enAreas.length);
      enAreas.forEach((area, i) => {
        expect(sorted(areas[i] ?? {}), `${locale} area ${Object.keys(area)[0]}`).toEqual(
          sorted(area),
        );
      });
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
      // The model manager's and the DAW export's job labels (main/core/models, main/core/export).
      expect(jobLabel('Install Audio VAE (fp16)')).toBe('Audio VAE のインストール（fp16）');
      expect(jobLabel('Verify Audio VAE')).toBe('Audio VAE の検証');
      expect(jobLabel('Import models from “packs”')).toBe('「packs」からモデルを読み込み');
      expect(jobLabel('Export “Night Drive” for a DAW')).toBe(
        '「Night Drive」を DAW 向けに書き出し',
      );
      expect(jobLabel('Export “Night Drive”')).toBe('「Night Drive」の書き出し');
      expect(tr('project.undoStep', { label: editLabel('Split clip') })).toBe(
        '元に戻す：クリップの分割',
      );
    } finally {
      activateLocale('en');
    }
  });
});
