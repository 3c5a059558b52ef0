/**
 * The model manager: this machine and its recommendation, what each task needs, every
 * component with install / pause / resume / cancel / verify / remove, folder import and the
 * download source.
 */
import type { JobState } from '../../../../app/contract/jobs.ts';
import { useStudioQuery } from '../../client/hooks.ts';
import { describeError } from '../../errors/error-text.ts';
import { useHost } from '../../shell/host-context.ts';
import { formatBytes } from '../jobs/job-format.ts';
import { ComponentRow } from './ComponentRow.tsx';
import { HardwarePanel } from './HardwarePanel.tsx';
import { SourceForm } from './SourceForm.tsx';
import { TasksPanel } from './TasksPanel.tsx';
import { useModelActions, useModelsLive } from './use-model-actions.ts';

export function ModelsScreen() {
  useModelsLive();
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
    return overview.isError ? (
      <div className="panel-error" role="alert">
        <p>
          {describeError(overview.error).title}: {describeError(overview.error).detail}
        </p>
        <button type="button" className="button" onClick={() => void overview.refetch()}>
          Try again
        </button>
      </div>
    ) : (
      <p className="empty-note" role="status">
        Loading models…
      </p>
    );
  }
  const data = overview.data;
  return (
    <div className="models">
      <div className="page-head">
        <h1>Models</h1>
        <div className="page-actions">
          <span className="model-facts">
            {data.freeBytes === null ? '' : `${formatBytes(data.freeBytes)} free · `}
            {data.modelsDir}
          </span>
          {host.host === 'electron' ? (
            <button type="button" className="button" onClick={actions.importFolder}>
              Import folder…
            </button>
          ) : null}
        </div>
      </div>
      {host.host === 'server' ? (
        <p className="model-note">
          To add packs you exported yourself on a server, copy their folders into the models folder
          above, then verify them here.
        </p>
      ) : null}
      <div className="models-grid">
        <div className="models-column">
          {report.data === undefined ? (
            <p className="empty-note" role="status">
              {report.isError ? 'The hardware could not be read.' : 'Checking this machine…'}
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
        <ul className="model-list" aria-label="Model components">
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
