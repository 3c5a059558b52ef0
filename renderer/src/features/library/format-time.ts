/** "5 minutes ago", "yesterday", and the full date for tooltips. */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** `epochMs` relative to `now`, e.g. "3 hours ago"; under a minute is "just now". */
export function formatAgo(epochMs: number, now: number = Date.now()): string {
  const elapsed = epochMs - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size) {
      return relative.format(Math.round(elapsed / size), unit);
    }
  }
  return 'just now';
}

export function formatDateTime(epochMs: number): string {
  return absolute.format(new Date(epochMs));
}
