/** The project's stored view state (selection, track heights) and the commands that change it. */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useMemo, useState } from 'react';

import type { ProjectId, TrackId } from '../../../../app/model/ids.ts';
import { DEFAULT_VIEW, type ProjectView, type TimeSelection } from '../../../../app/model/view.ts';
import { useStudioQuery } from '../../client/hooks.ts';
import { ViewSender } from '../../client/project-view.ts';
import { useStudioClient } from '../../client/studio-context.tsx';
import { useErrorToast } from '../../ui/Toasts.tsx';

export interface ViewCommands {
  setSelection: (selection: TimeSelection | null) => void;
  setTrackHeight: (trackId: TrackId, height: number) => void;
}

export const ViewCommandsContext = createContext<ViewCommands | null>(null);

export function useViewCommands(): ViewCommands {
  const commands = useContext(ViewCommandsContext);
  if (commands === null) {
    throw new Error('useViewCommands needs a <ViewCommandsContext> above it.');
  }
  return commands;
}

/** The view (the default until it loads) and commands bound to one project. */
export function useProjectView(projectId: ProjectId): {
  view: ProjectView;
  commands: ViewCommands;
} {
  const client = useStudioClient();
  const queryClient = useQueryClient();
  const reportError = useErrorToast();
  const [sender] = useState(() => new ViewSender({ client, queryClient, onError: reportError }));
  const query = useStudioQuery('project.getView', { projectId });
  const commands = useMemo<ViewCommands>(
    () => ({
      setSelection: (selection) => {
        sender.set(projectId, { selection });
      },
      setTrackHeight: (trackId, height) => {
        sender.set(projectId, { trackHeights: { [trackId]: height } });
      },
    }),
    [sender, projectId],
  );
  return { view: query.data ?? DEFAULT_VIEW, commands };
}
