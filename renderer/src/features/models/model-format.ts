/** Words and numbers for the model manager: states, sizes, speeds. */
import type {
  InstallState,
  ModelComponentView,
  ProviderId,
} from '../../../../app/contract/models.ts';
import { formatBytes } from '../jobs/job-format.ts';

export const STATE_WORDS: Record<InstallState, string> = {
  available: 'Not installed',
  installing: 'Downloading',
  paused: 'Paused',
  installed: 'Installed',
  corrupt: 'Damaged',
};

export const KIND_WORDS: Record<ModelComponentView['kind'], string> = {
  'text-encoder': 'Text encoder',
  vae: 'Audio VAE',
  dit: 'DiT',
  lm: 'Planner LM',
};

/** Execution providers by their own names (not translated). */
export const PROVIDER_NAMES: Record<ProviderId, string> = {
  cuda: 'CUDA',
  dml: 'DirectML',
  coreml: 'CoreML',
  cpu: 'CPU',
};

/** "12.3 MB/s"; null until a speed is known. */
export function formatSpeed(bytesPerSecond: number | undefined): string | null {
  return bytesPerSecond === undefined || bytesPerSecond <= 0
    ? null
    : `${formatBytes(bytesPerSecond)}/s`;
}

/** "1.2 GB of 4.7 GB" */
export function formatTransfer(done: number, total: number | null | undefined): string {
  return total === null || total === undefined
    ? formatBytes(done)
    : `${formatBytes(done)} of ${formatBytes(total)}`;
}

export function formatGb(gb: number | null): string {
  return gb === null ? 'unknown' : `${gb >= 10 ? Math.round(gb) : gb.toFixed(1)} GB`;
}
