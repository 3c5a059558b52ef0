/** One project's snapshot and the commands that change it (edits, undo, redo, the cursor). */
import { useCallback, useMemo } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import type { ProjectId } from '../../../../app/model/ids.ts';
import type { Ticks } from '../../../../app/timeline/units.ts';
import { useStudioQuery } from '../../client/hooks.ts';
import { useProjectEditor } from '../../client/studio-context.tsx';
import type { Timeline } from '../timeline/timeline-store.ts';

export interface ProjectCommands {
  /** Optimistic; failures are rolled back and reported by the editor. */
  apply: (edits: EditOp[], label?: string) => void;
  undo: () => void;
  redo: () => void;
  /** Moves the edit cursor (and the playhead). */
  seek: (position: Ticks) => void;
}

export function useProjectCommands(projectId: ProjectId, timeline?: Timeline): ProjectCommands {
  const editor = useProjectEditor();
  const apply = useCallback(
    (edits: EditOp[], label?: string) => {
      if (edits.length > 0) {
        void editor.apply(projectId, edits, label);
      }
    },
    [editor, projectId],
  );
  const undo = useCallback(() => {
    void editor.undo(projectId);
  }, [editor, projectId]);
  const redo = useCallback(() => {
    void editor.redo(projectId);
  }, [editor, projectId]);
  const seek = useCallback(
    (position: Ticks) => {
      timeline?.state.set({ cursor: position });
    },
    [timeline],
  );
  return useMemo(() => ({ apply, undo, redo, seek }), [apply, undo, redo, seek]);
}

export function useProjectSnapshot(projectId: ProjectId) {
  return useStudioQuery('project.get', { projectId });
}
