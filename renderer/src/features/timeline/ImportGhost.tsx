/** Where an import will land, with its progress: uploading, then the media.import job. */
import type { JobId } from '../../../../app/model/ids.ts';
import { useStudioQuery } from '../../client/hooks.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { PendingImport } from './timeline-store.ts';

function JobPercent(props: { jobId: JobId; name: string }) {
  const t = useT();
  const job = useStudioQuery('job.get', { jobId: props.jobId });
  const percent = Math.round((job.data?.progress.overall ?? 0) * 100);
  return (
    <>
      <span>{t('import.progress', { name: props.name, percent })}</span>
      <progress
        max={100}
        value={percent}
        aria-label={t('import.progress', { name: props.name, percent })}
      />
    </>
  );
}

export function ImportGhost(props: { pending: PendingImport; left: number }) {
  const t = useT();
  const { pending } = props;
  return (
    <div
      className="import-ghost"
      role="status"
      data-testid="import-ghost"
      style={{ left: props.left }}
    >
      {pending.jobId === null ? (
        <span>{t('import.waiting', { name: pending.name })}</span>
      ) : (
        <JobPercent jobId={pending.jobId} name={pending.name} />
      )}
    </div>
  );
}
