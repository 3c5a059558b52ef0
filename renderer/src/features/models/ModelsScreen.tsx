/**
 * The model manager: this machine and its recommendation, what each task needs, every
 * component with install / pause / resume / cancel / verify / remove, folder import and the
 * download source.
 */
import type { JobState } from '../../../../app/contract/jobs.ts';
import { useStudioQuery } from '../../client/hooks.ts';
import { describeError } from '../../errors/error-text.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useHost } from '../../shell/host-context.ts';
import { formatBytes } from '../jobs/job-format.ts';
import { ComponentRow } from './ComponentRow.tsx';
import { HardwarePanel } from './HardwarePanel.tsx';
import { SourceForm } from './SourceForm.tsx';
import { TasksPanel } from './TasksPanel.tsx';
import { useModelActions, useModelsLive } from './use-model-actions.ts';

export function ModelsScreen() {
  useModelsLive();
  const t = useT();
  const host = useHost();
  const actions = useModelActions();
  const overview = useStudioQuery('models.overview', {});
  const report = useStudioQuery('models.recommend', {});
  const status = useStudioQuery('inference.status', {});
  const jobs = useStudioQuery('job.list', {});
  const jobsById = new Map((jobs.data ?? []).map((job: JobState) => [job.jobId, job]));
  const precision = report.data?.recommendation.precision ?? 'fp32';
  const recommended = new Set(report.data?.recommendation.items.map((i) => i.componentId) ?? []);

  if (overview.data === undefined) {
    const described = overview.isError ? describeError(overview.error) : null;
    return described !== null ? (
      <div className="panel-error" role="alert">
        <p>{t('models.errorLine', { title: described.title, detail: described.detail })}</p>
        <button type="button" className="button" onClick={() => void overview.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    ) : (
      <p className="empty-note" role="status">
        {t('models.loading')}
      </p>
    );
  }
  const data = overview.data;
  return (
    <div className="models">
      <div className="page-head">
        <h1>{t('app.models')}</h1>
        <div className="page-actions">
          <span className="model-facts">
            {data.freeBytes === null
              ? ''
              : `${t('models.free', { size: formatBytes(data.freeBytes) })} · `}
            {data.modelsDir}
          </span>
          {host.host === 'electron' ? (
            <button type="button" className="button" onClick={actions.importFolder}>
              {t('models.importFolder')}
            </button>
          ) : null}
        </div>
      </div>
      {host.host === 'server' ? <p className="model-note">{t('models.serverNote')}</p> : null}
      <div className="models-grid">
        <div className="models-column">
          {report.data === undefined ? (
            <p className="empty-note" role="status">
              {report.isError ? t('models.hardwareFailed') : t('models.checking')}
            </p>
          ) : (
            <HardwarePanel
              report={report.data}
              overview={data}
              status={status.data}
              actions={actions}
            />
          )}
          <TasksPanel overview={data} precision={precision} actions={actions} />
          <SourceForm key={data.source.baseUrl} source={data.source} actions={actions} />
        </div>
        <ul className="model-list" aria-label={t('models.components')}>
          {data.components.map((component) => (
            <ComponentRow
              key={component.id}
              component={component}
              job={
                component.jobId === null
                  ? undefined
                  : jobsById.get(component.jobId as JobState['jobId'])
              }
              recommended={precision}
              recommendedHere={recommended.has(component.id)}
              actions={actions}
            />
          ))}
        </ul>
      </div>
    </div>
  );
}
