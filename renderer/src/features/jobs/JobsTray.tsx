/** The jobs tray: running work with progress and Cancel, then recent outcomes. */
import { useEffect, useId } from 'react';

import type { ArtifactInfo, JobState } from '../../../../app/contract/jobs.ts';
import { useStudioQuery } from '../../client/hooks.ts';
import { useStudioClient } from '../../client/studio-context.tsx';
import { jobLabel } from '../../i18n/app-messages.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { IconClose } from '../../ui/icons.tsx';
import { toastError, useToasts } from '../../ui/Toasts.tsx';
import { openArtifact } from './artifact-open.ts';
import { JobItem } from './JobItem.tsx';

const MAX_FINISHED = 8;

function byNewest(a: JobState, b: JobState): number {
  return b.createdAt - a.createdAt;
}

export function JobsTray(props: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useT();
  const client = useStudioClient();
  const toasts = useToasts();
  const titleId = useId();
  const jobs = useStudioQuery('job.list', {});
  const { onOpenChange } = props;

  // New work shows itself: the tray opens when a job starts.
  useEffect(
    () =>
      client.on('job.started', () => {
        onOpenChange(true);
      }),
    [client, onOpenChange],
  );

  if (!props.open) {
    return null;
  }
  const all = [...(jobs.data ?? [])].sort(byNewest);
  const running = all.filter((job) => job.status === 'running');
  const finished = all.filter((job) => job.status !== 'running').slice(0, MAX_FINISHED);
  const cancel = (job: JobState) => {
    client.call('job.cancel', { jobId: job.jobId }).catch((error: unknown) => {
      toastError(toasts, error, t('jobs.cancelOf', { label: jobLabel(job.label) }));
    });
  };
  const open = (artifact: ArtifactInfo) => {
    openArtifact(client, toasts, artifact).catch((error: unknown) => {
      toastError(toasts, error, artifact.fileName);
    });
  };
  return (
    <aside id="jobs-tray" className="jobs-tray" aria-labelledby={titleId}>
      <header className="jobs-tray-header">
        <h2 id={titleId}>{t('jobs.title')}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('jobs.close')}
          onClick={() => {
            onOpenChange(false);
          }}
        >
          <IconClose />
        </button>
      </header>
      {all.length === 0 ? <p className="empty-note">{t('jobs.empty')}</p> : null}
      {running.length > 0 ? (
        <section aria-label={t('jobs.running')}>
          <h3 className="section-label">{t('jobs.running')}</h3>
          <ul className="job-list">
            {running.map((job) => (
              <JobItem key={job.jobId} job={job} onCancel={cancel} onOpenArtifact={open} />
            ))}
          </ul>
        </section>
      ) : null}
      {finished.length > 0 ? (
        <section aria-label={t('jobs.finished')}>
          <h3 className="section-label">{t('jobs.finished')}</h3>
          <ul className="job-list">
            {finished.map((job) => (
              <JobItem key={job.jobId} job={job} onCancel={cancel} onOpenArtifact={open} />
            ))}
          </ul>
        </section>
      ) : null}
    </aside>
  );
}
