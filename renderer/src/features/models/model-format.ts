/** Words and numbers for the model manager in the active language: states, kinds, tasks, sizes. */
import type {
  InstallState,
  ModelComponentView,
  ProviderId,
} from '../../../../app/contract/models.ts';
import { tr } from '../../i18n/active.ts';
import { type MessageKey, MESSAGES } from '../../i18n/messages.ts';
import { formatBytes } from '../jobs/job-format.ts';

/** An install state in the active language ("Not installed"). */
export function stateWord(state: InstallState): string {
  return tr(`models.state.${state}`);
}

/** A component kind in the active language ("Audio VAE"). */
export function kindWord(kind: ModelComponentView['kind']): string {
  return tr(`models.kind.${kind}`);
}

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(MESSAGES.en, key);

/** A catalog task's title in the active language; its English title for a task not translated. */
export function taskTitle(task: { id: string; title: string }): string {
  const key = `models.task.${task.id}`;
  return isMessageKey(key) ? tr(key) : task.title;
}

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
    : tr('models.transfer', { done: formatBytes(done), total: formatBytes(total) });
}

export function formatGb(gb: number | null): string {
  return gb === null ? tr('models.unknownSize') : `${gb >= 10 ? Math.round(gb) : gb.toFixed(1)} GB`;
}
