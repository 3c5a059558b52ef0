/** One project's snapshot and the commands that change it (edits, undo, redo). */
import { useCallback, useMemo } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import type { ProjectId } from '../../../../app/model/ids.ts';
import { useStudioQuery } from '../../client/hooks.ts';
import { useProjectEditor } from '../../client/studio-context.tsx';

export interface ProjectCommands {
  /** Optimistic; failures are rolled back and reported by the editor. */
  apply: (edits: EditOp[], label?: string) => void;
  undo: () => void;
  redo: () => void;
}

export function useProjectCommands(projectId: ProjectId): ProjectCommands {
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
  return useMemo(() => ({ apply, undo, redo }), [apply, undo, redo]);
}

export function useProjectSnapshot(projectId: ProjectId) {
  return useStudioQuery('project.get', { projectId });
}
