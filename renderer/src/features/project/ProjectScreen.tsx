/**
 * One project: its header (history, name, tempo, metre, key), the timeline toolbar, and the
 * timeline itself or, for screen readers and keyboards, the list view of tracks and clips.
 */
import { useState } from 'react';

import type { ProjectId } from '../../../../app/model/ids.ts';
import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import { describeError } from '../../errors/error-text.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { usePlayback } from '../../playback/use-playback.ts';
import { routeHash } from '../../routing/hash-route.ts';
import { WorkflowPanel, WorkflowPanelHost } from '../generate/WorkflowPanel.tsx';
import { AudioImportContext } from '../timeline/audio-import-context.ts';
import { ClipInspector } from '../timeline/ClipInspector.tsx';
import { PlaybackClockContext } from '../timeline/playback-clock.ts';
import { ShortcutsOverlay } from '../timeline/ShortcutsOverlay.tsx';
import {
  createTimeline,
  TimelineContext,
  useTimeline,
  useTimelineValue,
} from '../timeline/timeline-store.ts';
import { TimelineToolbar } from '../timeline/TimelineToolbar.tsx';
import { TimelineView } from '../timeline/TimelineView.tsx';
import { TransportBar } from '../timeline/TransportBar.tsx';
import { useAudioImport } from '../timeline/use-audio-import.ts';
import { useTimelineCommands } from '../timeline/use-timeline-commands.ts';
import { useProjectView, ViewCommandsContext } from '../timeline/view-commands.ts';
import { ProjectToolbar } from './ProjectToolbar.tsx';
import { TrackList } from './TrackList.tsx';
import { type ProjectCommands, useProjectCommands, useProjectSnapshot } from './use-project.ts';
import { useUndoShortcuts } from './use-undo-shortcuts.ts';

function ProjectWorkspace(props: { snapshot: ProjectSnapshot; commands: ProjectCommands }) {
  const { snapshot, commands } = props;
  const timeline = useTimeline();
  const { view, commands: viewCommands } = useProjectView(snapshot.projectId);
  const mode = useTimelineValue((s) => s.mode);
  const shortcutsOpen = useTimelineValue((s) => s.shortcutsOpen);
  const playback = usePlayback(snapshot.state, view, timeline);
  const transport = playback.transport;
  const audioImport = useAudioImport(snapshot.projectId);
  useTimelineCommands({
    state: snapshot.state,
    view,
    timeline,
    edit: commands.apply,
    viewCommands,
    transport,
  });
  return (
    <ViewCommandsContext.Provider value={viewCommands}>
      <AudioImportContext.Provider value={audioImport}>
        <PlaybackClockContext.Provider value={playback.clock}>
          {/* generation workflows: the panel and its entry points */}
          <WorkflowPanelHost>
            <ProjectToolbar snapshot={snapshot} commands={commands} />
            <TransportBar
              playback={playback}
              tempo={snapshot.state.meta.tempo}
              signature={snapshot.state.meta.timeSignature}
            />
            <TimelineToolbar
              state={snapshot.state}
              selection={view.selection}
              onEdit={commands.apply}
            />
            {mode === 'timeline' ? (
              <>
                <TimelineView
                  snapshot={snapshot}
                  view={view}
                  onEdit={commands.apply}
                  onSeek={transport.seek}
                />
                <ClipInspector
                  state={snapshot.state}
                  selection={view.selection}
                  onEdit={commands.apply}
                />
              </>
            ) : (
              <TrackList snapshot={snapshot} onEdit={commands.apply} />
            )}
            {shortcutsOpen ? (
              <ShortcutsOverlay
                onClose={() => {
                  timeline.state.set({ shortcutsOpen: false });
                }}
              />
            ) : null}
            <WorkflowPanel snapshot={snapshot} selection={view.selection} onEdit={commands.apply} />
          </WorkflowPanelHost>
        </PlaybackClockContext.Provider>
      </AudioImportContext.Provider>
    </ViewCommandsContext.Provider>
  );
}

export function ProjectScreen(props: { projectId: ProjectId }) {
  const t = useT();
  const snapshot = useProjectSnapshot(props.projectId);
  const [timeline] = useState(() => createTimeline());
  const commands = useProjectCommands(props.projectId);
  useUndoShortcuts(commands);

  if (snapshot.data === undefined) {
    if (snapshot.isError) {
      const failure = describeError(snapshot.error);
      return (
        <div className="empty-state" role="alert">
          <h1>{failure.code === 'NOT_FOUND' ? t('project.notInLibrary') : failure.title}</h1>
          <p>{failure.detail}</p>
          <p>
            <a className="button" href={routeHash({ screen: 'library' })}>
              {t('project.backToLibrary')}
            </a>
          </p>
        </div>
      );
    }
    return (
      <p className="empty-note" role="status">
        {t('project.opening')}
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
