/** Starts an export job, follows it, then reveals (desktop) or downloads (browser) the result. */
import { useCallback } from 'react';

import { StudioError } from '../../../../app/errors.ts';
import type { ExportOptions } from '../../../../app/export/export-options.ts';
import { ExportResult } from '../../../../app/export/export-options.ts';
import type { ProjectId } from '../../../../app/model/ids.ts';
import { useStudioClient } from '../../client/studio-context.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { toastError, useToasts } from '../../ui/Toasts.tsx';
import { openArtifact } from '../jobs/artifact-open.ts';
import { followJob } from '../jobs/follow-job.ts';
import { exportNoteText } from './export-text.ts';

/**
 * Returns `start(projectId, name, options)`, which resolves once the job has started and
 * throws when the studio refuses the options at once (the dialog shows that). The job's
 * outcome is reported as toasts.
 */
export function useExportJob(): (
  projectId: ProjectId,
  name: string,
  options: ExportOptions,
) => Promise<void> {
  const t = useT();
  const client = useStudioClient();
  const toasts = useToasts();
  return useCallback(
    async (projectId, name, options) => {
      const { jobId } = await client.call('export.start', { projectId, options });
      const what = t('jobs.exportOf', { name });
      const follow = async () => {
        const outcome = await followJob(client, jobId);
        const result = ExportResult.safeParse(outcome.result);
        if (outcome.status === 'succeeded' && result.success) {
          await openArtifact(client, toasts, result.data.artifact);
          for (const note of result.data.notes) {
            toasts.push({ tone: 'info', title: what, detail: exportNoteText(note) });
          }
        } else if (outcome.status === 'cancelled') {
          toasts.push({
            tone: 'info',
            title: t('jobs.cancelledWhat', { what }),
            detail: t('export.nothingKept'),
          });
        } else if (outcome.error !== null) {
          toastError(toasts, StudioError.fromWire(outcome.error), t('jobs.failedWhat', { what }));
        }
      };
      follow().catch((error: unknown) => {
        toastError(toasts, error, what);
      });
    },
    [client, toasts, t],
  );
}
