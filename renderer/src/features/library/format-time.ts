/** "5 minutes ago", "yesterday", and the full date for tooltips. */
import { activeTag, tr } from '../../i18n/active.ts';
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

// In the interface language, not the browser's, so the words match the rest of the screen.
const relative = () => new Intl.RelativeTimeFormat(activeTag(), { numeric: 'auto' });
const absolute = () =>
  new Intl.DateTimeFormat(activeTag(), { dateStyle: 'medium', timeStyle: 'short' });

/** `epochMs` relative to `now`, e.g. "3 hours ago"; under a minute is "just now". */
export function formatAgo(epochMs: number, now: number = Date.now()): string {
  const elapsed = epochMs - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size) {
      return relative().format(Math.round(elapsed / size), unit);
    }
  }
  return tr('library.justNow');
}

export function formatDateTime(epochMs: number): string {
  return absolute().format(new Date(epochMs));
}
