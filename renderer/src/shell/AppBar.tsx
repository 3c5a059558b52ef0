/** The top bar: product mark, where you are, and the jobs toggle with its running count. */
import type { JobState } from '../../../app/contract/jobs.ts';
import type { ProjectId } from '../../../app/model/ids.ts';
import { useStudioQuery } from '../client/hooks.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { type Route, routeHash } from '../routing/hash-route.ts';
import { IconActivity, IconCube, IconLogo } from '../ui/icons.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';

function ProjectCrumb(props: { projectId: ProjectId }) {
  const t = useT();
  const snapshot = useStudioQuery('project.get', { projectId: props.projectId });
  return <span aria-current="page">{snapshot.data?.name ?? t('app.project')}</span>;
}

export function AppBar(props: { route: Route; jobsOpen: boolean; onToggleJobs: () => void }) {
  const t = useT();
  const jobs = useStudioQuery('job.list', {});
  const running = (jobs.data ?? []).filter((job: JobState) => job.status === 'running').length;
  const { route } = props;
  return (
    <header className="app-bar">
      <a className="brand" href={routeHash({ screen: 'library' })}>
        <IconLogo />
        <span>Layerline</span>
      </a>
      <nav className="crumbs" aria-label={t('app.breadcrumb')}>
        {route.screen === 'project' ? (
          <>
            <a href={routeHash({ screen: 'library' })}>{t('app.library')}</a>
            <span className="crumb-sep" aria-hidden="true">
              /
            </span>
            <ProjectCrumb projectId={route.projectId} />
          </>
        ) : route.screen === 'models' ? (
          <>
            <a href={routeHash({ screen: 'library' })}>{t('app.library')}</a>
            <span className="crumb-sep" aria-hidden="true">
              /
            </span>
            <span aria-current="page">{t('app.models')}</span>
          </>
        ) : (
          <span aria-current="page">{t('app.library')}</span>
        )}
      </nav>
      <div className="app-bar-spacer" />
      <LanguageSelect />
      <a
        className={`button button-ghost${route.screen === 'models' ? ' is-active' : ''}`}
        href={routeHash({ screen: 'models' })}
        aria-current={route.screen === 'models' ? 'page' : undefined}
      >
        <IconCube />
        {t('app.models')}
      </a>
      <button
        type="button"
        className={`button button-ghost jobs-toggle${running > 0 ? ' is-busy' : ''}`}
        aria-expanded={props.jobsOpen}
        aria-controls="jobs-tray"
        onClick={props.onToggleJobs}
      >
        <IconActivity />
        {t('app.jobs')}
        {running > 0 ? (
          <span className="badge" aria-label={t('app.running', { count: running })}>
            {running}
          </span>
        ) : null}
      </button>
    </header>
  );
}
