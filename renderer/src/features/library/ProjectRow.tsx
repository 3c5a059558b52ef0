/** One project in the library list: open it, or rename, duplicate, export or delete it. */
import type { JSX } from 'react';

import type { ProjectSummary } from '../../../../app/model/project.ts';
import { DEFAULT_TRACK_COLORS } from '../../../../app/model/project.ts';
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

const ACTIONS: { action: ProjectAction; verb: string; icon: () => JSX.Element }[] = [
  { action: 'rename', verb: 'Rename', icon: IconPencil },
  { action: 'duplicate', verb: 'Duplicate', icon: IconCopy },
  { action: 'export', verb: 'Export', icon: IconDownload },
  { action: 'delete', verb: 'Delete', icon: IconTrash },
];

export function ProjectRow(props: {
  project: ProjectSummary;
  now: number;
  onAction: (action: ProjectAction, project: ProjectSummary) => void;
}) {
  const { project } = props;
  const tracks = project.trackCount === 1 ? '1 track' : `${project.trackCount} tracks`;
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
        Changed {formatAgo(project.updatedAt, props.now)}
      </time>
      <div className="row-actions">
        {ACTIONS.map(({ action, verb, icon: Icon }) => (
          <button
            key={action}
            type="button"
            className={`icon-button${action === 'delete' ? ' icon-button-danger' : ''}`}
            aria-label={`${verb} “${project.name}”`}
            title={verb}
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
