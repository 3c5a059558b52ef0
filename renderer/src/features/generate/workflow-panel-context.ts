/**
 * Opening the generation panel from anywhere on the project screen (the toolbar's Generate
 * button, the clip inspector's actions): which tab, and a draft handed over from elsewhere
 * (analysis fills the song form; a trim past a clip's audio fills the extend form).
 */
import { createContext, useContext } from 'react';

import type { ClipId } from '../../../../app/model/ids.ts';
import type { SongFields } from './form-model.ts';

export const WORKFLOW_TABS = [
  'generate',
  'layer',
  'accompaniment',
  'repaint',
  'extend',
  'stems',
  'cover',
  'analyse',
  'takes',
] as const;
export type WorkflowTab = (typeof WORKFLOW_TABS)[number];

/** The message key of each tab's title (also the name of its form). */
export const WORKFLOW_TAB_KEYS = {
  generate: 'wf.tab.generate',
  layer: 'wf.tab.layer',
  accompaniment: 'wf.tab.accompaniment',
  repaint: 'wf.tab.repaint',
  extend: 'wf.tab.extend',
  stems: 'wf.tab.stems',
  cover: 'wf.tab.cover',
  analyse: 'wf.tab.analyse',
  takes: 'wf.tab.takes',
} as const satisfies Record<WorkflowTab, string>;

/** An extend the timeline proposes (a trim dragged past the clip's audio). */
export interface ExtendDraft {
  /** Tells one proposal from the next, so the form restarts from each. */
  id: number;
  clipId: ClipId;
  side: 'start' | 'end';
  seconds: number;
}

export interface WorkflowPanelControl {
  tab: WorkflowTab | null;
  open: (tab: WorkflowTab) => void;
  close: () => void;
  /** Song fields another tab proposes for the song form (it starts from them). */
  proposal: SongFields | null;
  propose: (song: SongFields) => void;
  /** Side and length another part of the screen proposes for the extend form. */
  extendDraft: ExtendDraft | null;
  proposeExtend: (draft: Omit<ExtendDraft, 'id'>) => void;
}

export const WorkflowPanelContext = createContext<WorkflowPanelControl | null>(null);

/** The panel control; null outside a project screen. */
export function useWorkflowPanel(): WorkflowPanelControl | null {
  return useContext(WorkflowPanelContext);
}
