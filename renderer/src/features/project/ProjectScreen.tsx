/** One project: its header (history, name, tempo, metre, key) and its track list. */
import type { ProjectId } from '../../../../app/model/ids.ts';
import { describeError } from '../../errors/error-text.ts';
import { routeHash } from '../../routing/hash-route.ts';
import { ProjectToolbar } from './ProjectToolbar.tsx';
import { TrackList } from './TrackList.tsx';
import { useProjectCommands, useProjectSnapshot } from './use-project.ts';
import { useUndoShortcuts } from './use-undo-shortcuts.ts';

export function ProjectScreen(props: { projectId: ProjectId }) {
  const snapshot = useProjectSnapshot(props.projectId);
  const commands = useProjectCommands(props.projectId);
  useUndoShortcuts(commands);

  if (snapshot.data === undefined) {
    if (snapshot.isError) {
      const failure = describeError(snapshot.error);
      return (
        <div className="empty-state" role="alert">
          <h1>
            {failure.code === 'NOT_FOUND' ? 'This project is not in the library' : failure.title}
          </h1>
          <p>{failure.detail}</p>
          <p>
            <a className="button" href={routeHash({ screen: 'library' })}>
              Back to the library
            </a>
          </p>
        </div>
      );
    }
    return (
      <p className="empty-note" role="status">
        Opening project…
      </p>
    );
  }
  return (
    <div className="project">
      <ProjectToolbar snapshot={snapshot.data} commands={commands} />
      <TrackList snapshot={snapshot.data} onEdit={commands.apply} />
    </div>
  );
}
