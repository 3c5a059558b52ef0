/** The language setting: English, 简体中文 or 日本語, each named in itself; kept per window. */
import { useLocale, useT } from '../i18n/I18nProvider.tsx';
import { isLocale, LOCALE_NAMES, LOCALES } from '../i18n/locales.ts';

export function LanguageSelect() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <select
      className="input input-narrow language-select"
      aria-label={t('app.language')}
      value={locale}
      onChange={(event) => {
        const next = event.target.value;
        if (isLocale(next)) {
          setLocale(next);
        }
      }}
    >
      {LOCALES.map((value) => (
        <option key={value} value={value} lang={value}>
          {LOCALE_NAMES[value]}
        </option>
      ))}
    </select>
  );
}
