/** One job in the tray: progress while running, the outcome and a follow-up once finished. */
import { ArtifactInfo, type JobState } from '../../../../app/contract/jobs.ts';
import { StudioError } from '../../../../app/errors.ts';
import { ProjectSummary } from '../../../../app/model/project.ts';
import { describeError } from '../../errors/error-text.ts';
import { jobLabel } from '../../i18n/app-messages.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { navigate } from '../../routing/hash-route.ts';
import { WorkflowJobFollowUp } from '../generate/WorkflowJobFollowUp.tsx';
import { formatBytes, formatEta, percent, phaseLabel } from './job-format.ts';

const OUTCOME_WORDS = {
  succeeded: 'jobs.done',
  failed: 'jobs.failed',
  cancelled: 'jobs.cancelled',
} as const;

function FollowUp(props: { job: JobState; onOpenArtifact: (artifact: ArtifactInfo) => void }) {
  const t = useT();
  const { job } = props;
  if (job.status !== 'succeeded') {
    return null;
  }
  const artifact = ArtifactInfo.safeParse(job.result);
  if (job.kind === 'project.exportArchive' && artifact.success) {
    return (
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          props.onOpenArtifact(artifact.data);
        }}
      >
        {t('jobs.getFile', { size: formatBytes(artifact.data.bytes) })}
      </button>
    );
  }
  const project = ProjectSummary.safeParse(job.result);
  if (job.kind === 'project.importArchive' && project.success) {
    return (
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          navigate({ screen: 'project', projectId: project.data.projectId });
        }}
      >
        {t('jobs.openProject')}
      </button>
    );
  }
  return null;
}

export function JobItem(props: {
  job: JobState;
  onCancel: (job: JobState) => void;
  onOpenArtifact: (artifact: ArtifactInfo) => void;
}) {
  const t = useT();
  const { job } = props;
  const label = jobLabel(job.label);
  const { progress } = job;
  if (job.status === 'running') {
    const eta = formatEta(progress.etaMs);
    const done = percent(progress.overall);
    return (
      <li className="job job-running">
        <div className="job-head">
          <span className="job-label">{label}</span>
          <button
            type="button"
            className="button button-small button-ghost"
            aria-label={t('jobs.cancelOf', { label })}
            onClick={() => {
              props.onCancel(job);
            }}
          >
            {t('jobs.cancel')}
          </button>
        </div>
        <div
          className="progress"
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={done}
          aria-valuetext={t('jobs.progressText', {
            phase: phaseLabel(progress.phase),
            percent: done,
          })}
        >
          <div className="progress-fill" style={{ width: `${done}%` }} />
        </div>
        <p className="job-meta">
          {phaseLabel(progress.phase)} · {done}%{eta === null ? '' : ` · ${eta}`}
        </p>
      </li>
    );
  }
  const error = job.error === null ? null : describeError(StudioError.fromWire(job.error));
  return (
    <li className={`job job-${job.status}`}>
      <div className="job-head">
        <span className="job-label">{label}</span>
        <span className={`chip chip-${job.status}`}>{t(OUTCOME_WORDS[job.status])}</span>
      </div>
      {job.status === 'failed' && error !== null ? (
        <p className="job-meta job-error">
          {error.title}: {error.detail}
        </p>
      ) : null}
      <FollowUp job={job} onOpenArtifact={props.onOpenArtifact} />
      {job.kind === 'workflow.run' ? <WorkflowJobFollowUp job={job} /> : null}
    </li>
  );
}
