/** One project in the library list: open it, or rename, duplicate, export or delete it. */
import type { JSX } from 'react';

import type { ProjectSummary } from '../../../../app/model/project.ts';
import { DEFAULT_TRACK_COLORS } from '../../../../app/model/project.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { routeHash } from '../../routing/hash-route.ts';
import { IconCopy, IconDownload, IconPencil, IconTrash } from '../../ui/icons.tsx';
import { formatAgo, formatDateTime } from './format-time.ts';

export type ProjectAction = 'rename' | 'duplicate' | 'export' | 'delete';

/** A stable colour per project, so rows are easy to tell apart at a glance. */
function swatchColor(projectId: string): string {
  let sum = 0;
  for (const char of projectId) {
    sum = (sum * 31 + char.charCodeAt(0)) % 9973;
  }
  return DEFAULT_TRACK_COLORS[sum % DEFAULT_TRACK_COLORS.length] ?? '#4aa3df';
}

const ACTIONS: { action: ProjectAction; verb: MessageKey; icon: () => JSX.Element }[] = [
  { action: 'rename', verb: 'library.rename', icon: IconPencil },
  { action: 'duplicate', verb: 'library.duplicate', icon: IconCopy },
  { action: 'export', verb: 'library.export', icon: IconDownload },
  { action: 'delete', verb: 'library.delete', icon: IconTrash },
];

export function ProjectRow(props: {
  project: ProjectSummary;
  now: number;
  onAction: (action: ProjectAction, project: ProjectSummary) => void;
}) {
  const t = useT();
  const { project } = props;
  const tracks = t('library.tracks', { count: project.trackCount });
  return (
    <li className="project-row" data-testid="project-row">
      <a
        className="project-open"
        href={routeHash({ screen: 'project', projectId: project.projectId })}
      >
        <span
          className="project-swatch"
          aria-hidden="true"
          style={{ background: swatchColor(project.projectId) }}
        />
        <span className="project-name">{project.name}</span>
      </a>
      <span className="project-tracks">{tracks}</span>
      <time
        className="project-changed"
        dateTime={new Date(project.updatedAt).toISOString()}
        title={formatDateTime(project.updatedAt)}
      >
        {t('library.changed', { ago: formatAgo(project.updatedAt, props.now) })}
      </time>
      <div className="row-actions">
        {ACTIONS.map(({ action, verb, icon: Icon }) => (
          <button
            key={action}
            type="button"
            className={`icon-button${action === 'delete' ? ' icon-button-danger' : ''}`}
            aria-label={t('library.actionOn', { verb: t(verb), name: project.name })}
            title={t(verb)}
            onClick={() => {
              props.onAction(action, project);
            }}
          >
            <Icon />
          </button>
        ))}
      </div>
    </li>
  );
}
