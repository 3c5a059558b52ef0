/**
 * One project: its header (history, name, tempo, metre, key), the timeline toolbar, and the
 * timeline itself or, for screen readers and keyboards, the list view of tracks and clips.
 */
import { useState } from 'react';

import type { ProjectId } from '../../../../app/model/ids.ts';
import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import type { Ticks } from '../../../../app/timeline/units.ts';
import { describeError } from '../../errors/error-text.ts';
import { routeHash } from '../../routing/hash-route.ts';
import { createTimeline, TimelineContext, useTimelineValue } from '../timeline/timeline-store.ts';
import { TimelineToolbar } from '../timeline/TimelineToolbar.tsx';
import { TimelineView } from '../timeline/TimelineView.tsx';
import { useProjectView, ViewCommandsContext } from '../timeline/view-commands.ts';
import { ProjectToolbar } from './ProjectToolbar.tsx';
import { TrackList } from './TrackList.tsx';
import { type ProjectCommands, useProjectCommands, useProjectSnapshot } from './use-project.ts';
import { useUndoShortcuts } from './use-undo-shortcuts.ts';

function ProjectWorkspace(props: { snapshot: ProjectSnapshot; commands: ProjectCommands }) {
  const { snapshot, commands } = props;
  const { view, commands: viewCommands } = useProjectView(snapshot.projectId);
  const mode = useTimelineValue((s) => s.mode);
  return (
    <ViewCommandsContext.Provider value={viewCommands}>
      <ProjectToolbar snapshot={snapshot} commands={commands} />
      <TimelineToolbar
        tracks={snapshot.state.tracks}
        selection={view.selection}
        onEdit={commands.apply}
      />
      {mode === 'timeline' ? (
        <TimelineView
          snapshot={snapshot}
          view={view}
          onEdit={commands.apply}
          onSeek={(position: Ticks) => {
            commands.seek(position);
          }}
        />
      ) : (
        <TrackList snapshot={snapshot} onEdit={commands.apply} />
      )}
    </ViewCommandsContext.Provider>
  );
}

export function ProjectScreen(props: { projectId: ProjectId }) {
  const snapshot = useProjectSnapshot(props.projectId);
  const [timeline] = useState(() => createTimeline());
  const commands = useProjectCommands(props.projectId, timeline);
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
    <TimelineContext.Provider value={timeline}>
      <div className="project">
        <ProjectWorkspace snapshot={snapshot.data} commands={commands} />
      </div>
    </TimelineContext.Provider>
  );
}
