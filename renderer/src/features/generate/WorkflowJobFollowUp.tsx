/**
 * The jobs tray's follow-up for a timeline workflow run: open the project its clips went into,
 * with those clips selected and in view (after a restart too: the result is stored), or run it
 * again (workflow.retry) after it failed, was cancelled or was cut off by a restart.
 */
import type { JobState } from '../../../../app/contract/jobs.ts';
import { WorkflowResult } from '../../../../app/workflows/workflow-result.ts';
import { useStudioClient } from '../../client/studio-context.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { navigate } from '../../routing/hash-route.ts';
import { useErrorToast } from '../../ui/Toasts.tsx';
import { requestClipReveal } from '../timeline/clip-reveal.ts';

export function WorkflowJobFollowUp(props: { job: JobState }) {
  const t = useT();
  const client = useStudioClient();
  const showError = useErrorToast();
  const { job } = props;
  if (job.kind !== 'workflow.run' || job.projectId === null) {
    return null;
  }
  const projectId = job.projectId;
  const result = WorkflowResult.safeParse(job.result);
  const clipIds = result.success ? result.data.clipIds : [];
  return (
    <div className="wf-actions">
      {job.status === 'succeeded' ? (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            requestClipReveal(projectId, clipIds);
            navigate({ screen: 'project', projectId });
          }}
        >
          {clipIds.length === 0 ? t('jobs.openProject') : t('wf.showClips')}
        </button>
      ) : (
        <button
          type="button"
          className="button button-small"
          aria-label={`${t('wf.retry')}: ${job.label}`}
          onClick={() => {
            client.call('workflow.retry', { jobId: job.jobId }).catch((error: unknown) => {
              showError(error, job.label);
            });
          }}
        >
          {t('wf.retry')}
        </button>
      )}
    </div>
  );
}
