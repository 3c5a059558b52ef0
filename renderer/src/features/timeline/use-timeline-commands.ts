/** Builds the timeline's commands for one project and binds them to the keyboard. */
import { useEffect, useLayoutEffect, useRef } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import type { ProjectState } from '../../../../app/model/project.ts';
import type { ProjectView } from '../../../../app/model/view.ts';
import { createTimelineCommands, type TransportControls } from './timeline-commands.ts';
import type { Timeline } from './timeline-store.ts';
import { bindTimelineKeys } from './use-timeline-keys.ts';
import type { ViewCommands } from './view-commands.ts';

export interface CommandInputs {
  state: ProjectState;
  view: ProjectView;
  timeline: Timeline;
  edit: (edits: EditOp[], label?: string) => void;
  viewCommands: ViewCommands;
  transport: TransportControls;
}

export function useTimelineCommands(inputs: CommandInputs): void {
  const latest = useRef(inputs);
  useLayoutEffect(() => {
    latest.current = inputs;
  });
  const { timeline } = inputs;
  useEffect(() => {
    const commands = createTimelineCommands({
      state: () => latest.current.state,
      view: () => latest.current.view,
      timeline,
      edit: (edits, label) => {
        latest.current.edit(edits, label);
      },
      viewCommands: {
        setSelection: (selection) => {
          latest.current.viewCommands.setSelection(selection);
        },
        setTrackHeight: (trackId, height) => {
          latest.current.viewCommands.setTrackHeight(trackId, height);
        },
      },
      transport: () => latest.current.transport,
    });
    return bindTimelineKeys(commands);
  }, [timeline]);
}
