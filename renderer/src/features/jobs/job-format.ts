/** Words and numbers for jobs: phases, time left, sizes. */
import type { JobPhase } from '../../../../app/jobs/progress.ts';

const PHASE_WORDS: Record<JobPhase, string> = {
  queued: 'Waiting',
  prepare: 'Preparing',
  read: 'Reading',
  verify: 'Checking',
  write: 'Writing',
  install: 'Installing',
  download: 'Downloading',
  load: 'Loading',
  plan: 'Planning',
  encode: 'Encoding',
  diffuse: 'Generating',
  decode: 'Decoding',
};

export function phaseLabel(phase: JobPhase): string {
  return PHASE_WORDS[phase];
}

/** "about 40 s left", "about 3 min left"; null when unknown. */
export function formatEta(etaMs: number | undefined): string | null {
  if (etaMs === undefined || !Number.isFinite(etaMs)) {
    return null;
  }
  const seconds = Math.max(1, Math.round(etaMs / 1000));
  if (seconds < 60) {
    return `about ${seconds} s left`;
  }
  const minutes = Math.round(seconds / 60);
  return minutes < 60
    ? `about ${minutes} min left`
    : `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
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
