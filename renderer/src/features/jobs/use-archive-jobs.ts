/** Export and import of project archives: start the job, follow it, act on its outcome. */
import { useCallback } from 'react';

import { ArtifactInfo } from '../../../../app/contract/jobs.ts';
import { StudioError } from '../../../../app/errors.ts';
import type { ProjectId } from '../../../../app/model/ids.ts';
import { ProjectSummary } from '../../../../app/model/project.ts';
import { useStudioClient } from '../../client/studio-context.tsx';
import { uploadFile } from '../../client/upload.ts';
import { tr } from '../../i18n/active.ts';
import { navigate } from '../../routing/hash-route.ts';
import { useHost } from '../../shell/host-context.ts';
import { toastError, useToasts } from '../../ui/Toasts.tsx';
import { openArtifact } from './artifact-open.ts';
import { followJob, type JobOutcome } from './follow-job.ts';

export interface ArchiveJobs {
  exportArchive: (projectId: ProjectId, name: string) => Promise<void>;
  /** Server mode: the chosen file is uploaded first. Desktop: a native dialog picks it. */
  importArchive: (file: File | null) => Promise<void>;
  /** True when imports need a file from an <input type="file"> (server mode). */
  importNeedsFile: boolean;
}

export function useArchiveJobs(): ArchiveJobs {
  const client = useStudioClient();
  const toasts = useToasts();
  const host = useHost();

  const reportUnsuccessful = useCallback(
    (outcome: JobOutcome, what: string) => {
      if (outcome.status === 'cancelled') {
        toasts.push({ tone: 'info', title: tr('jobs.cancelledWhat', { what }) });
      } else if (outcome.error !== null) {
        toastError(toasts, StudioError.fromWire(outcome.error), tr('jobs.failedWhat', { what }));
      }
    },
    [toasts],
  );

  const exportArchive = useCallback(
    async (projectId: ProjectId, name: string) => {
      try {
        const { jobId } = await client.call('project.exportArchive', { projectId });
        const outcome = await followJob(client, jobId);
        const artifact = ArtifactInfo.safeParse(outcome.result);
        if (outcome.status === 'succeeded' && artifact.success) {
          await openArtifact(client, toasts, artifact.data);
        } else {
          reportUnsuccessful(outcome, tr('jobs.exportOf', { name }));
        }
      } catch (error) {
        toastError(toasts, error, tr('jobs.exportOf', { name }));
      }
    },
    [client, toasts, reportUnsuccessful],
  );

  const importArchive = useCallback(
    async (file: File | null) => {
      try {
        let token;
        if (file === null) {
          const [picked] = await client.call('file.pick', { purpose: 'projectArchive' });
          if (picked === undefined) {
            return;
          }
          token = picked.file;
        } else {
          token = (
            await uploadFile(file, { baseUrl: location.origin, fetch: (u, i) => fetch(u, i) })
          ).file;
        }
        const { jobId } = await client.call('project.importArchive', { file: token });
        const outcome = await followJob(client, jobId);
        const project = ProjectSummary.safeParse(outcome.result);
        if (outcome.status === 'succeeded' && project.success) {
          const { projectId, name } = project.data;
          toasts.push({
            tone: 'success',
            title: tr('jobs.imported', { name }),
            action: {
              label: tr('jobs.open'),
              run: () => {
                navigate({ screen: 'project', projectId });
              },
            },
          });
        } else {
          reportUnsuccessful(outcome, tr('jobs.import'));
        }
      } catch (error) {
        toastError(toasts, error, tr('jobs.import'));
      }
    },
    [client, toasts, reportUnsuccessful],
  );

  return { exportArchive, importArchive, importNeedsFile: host.host === 'server' };
}
