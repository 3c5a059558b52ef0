/** Words and numbers for jobs: phases, time left, sizes. */
import type { JobPhase } from '../../../../app/jobs/progress.ts';
import { tr } from '../../i18n/active.ts';

export function phaseLabel(phase: JobPhase): string {
  return tr(`phase.${phase}`);
}

/** "about 40 s left", "about 3 min left"; null when unknown. */
export function formatEta(etaMs: number | undefined): string | null {
  if (etaMs === undefined || !Number.isFinite(etaMs)) {
    return null;
  }
  const seconds = Math.max(1, Math.round(etaMs / 1000));
  if (seconds < 60) {
    return tr('eta.seconds', { n: seconds });
  }
  const minutes = Math.round(seconds / 60);
  return minutes < 60
    ? tr('eta.minutes', { n: minutes })
    : tr('eta.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit] ?? 'TB'}`;
}

export function percent(fraction: number): number {
  return Math.round(Math.min(1, Math.max(0, fraction)) * 100);
}
