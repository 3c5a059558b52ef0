/**
 * The generation panel beside the timeline: one tab per workflow (song, add layer,
 * accompaniment, repaint, extend, stems, cover, analyse) and the selected clip's takes. Each
 * form works on the timeline's selection (the time range and the selected clip).
 * `WorkflowPanelHost` owns which tab is open; entry points elsewhere open it through the
 * context (useWorkflowPanel).
 */
import { type ReactNode, useCallback, useMemo, useState } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import type { TimeSelection } from '../../../../app/model/view.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { IconClose } from '../../ui/icons.tsx';
import { selectedClips } from '../timeline/clip-drag.ts';
import { useTimelineValue } from '../timeline/timeline-store.ts';
import { AccompanimentForm } from './AccompanimentForm.tsx';
import { AnalyseForm } from './AnalyseForm.tsx';
import { CoverForm } from './CoverForm.tsx';
import { ExtendForm } from './ExtendForm.tsx';
import type { SongFields } from './form-model.ts';
import { GenerateForm } from './GenerateForm.tsx';
import { LayerForm } from './LayerForm.tsx';
import { RepaintForm } from './RepaintForm.tsx';
import { StemsForm } from './StemsForm.tsx';
import { TakesPanel } from './TakesPanel.tsx';
import type { WorkflowFormProps } from './workflow-form-props.ts';
import {
  type ExtendDraft,
  useWorkflowPanel,
  WORKFLOW_TAB_KEYS,
  WORKFLOW_TABS,
  WorkflowPanelContext,
  type WorkflowPanelControl,
  type WorkflowTab,
} from './workflow-panel-context.ts';

const FORMS: Record<WorkflowTab, (props: WorkflowFormProps) => ReactNode> = {
  generate: GenerateForm,
  layer: LayerForm,
  accompaniment: AccompanimentForm,
  repaint: RepaintForm,
  extend: ExtendForm,
  stems: StemsForm,
  cover: CoverForm,
  analyse: AnalyseForm,
  takes: TakesPanel,
};

/** Provides the panel control to the project screen. */
export function WorkflowPanelHost(props: { children: ReactNode }) {
  const [tab, setTab] = useState<WorkflowTab | null>(null);
  const [proposal, setProposal] = useState<SongFields | null>(null);
  const open = useCallback((next: WorkflowTab) => {
    setTab(next);
  }, []);
  const close = useCallback(() => {
    setTab(null);
  }, []);
  const propose = useCallback((song: SongFields) => {
    setProposal(song);
  }, []);
  const [extendDraft, setExtendDraft] = useState<ExtendDraft | null>(null);
  const proposeExtend = useCallback((draft: Omit<ExtendDraft, 'id'>) => {
    setExtendDraft((last) => ({ ...draft, id: (last?.id ?? 0) + 1 }));
  }, []);
  const value = useMemo<WorkflowPanelControl>(
    () => ({ tab, open, close, proposal, propose, extendDraft, proposeExtend }),
    [tab, open, close, proposal, propose, extendDraft, proposeExtend],
  );
  return (
    <WorkflowPanelContext.Provider value={value}>{props.children}</WorkflowPanelContext.Provider>
  );
}

/** The toolbar's entry point. */
export function OpenWorkflowsButton() {
  const t = useT();
  const panel = useWorkflowPanel();
  if (panel === null) {
    return null;
  }
  return (
    <button
      type="button"
      className="button button-primary"
      title={t('wf.openHint')}
      aria-expanded={panel.tab !== null}
      onClick={() => {
        if (panel.tab === null) {
          panel.open('generate');
        } else {
          panel.close();
        }
      }}
    >
      {t('wf.open')}
    </button>
  );
}

export function WorkflowPanel(props: {
  snapshot: ProjectSnapshot;
  selection: TimeSelection | null;
  onEdit: (edits: EditOp[], label?: string) => void;
}) {
  const t = useT();
  const panel = useWorkflowPanel();
  const selectedIds = useTimelineValue((s) => s.selectedClipIds);
  if (panel?.tab === null || panel === null) {
    return null;
  }
  const clips = selectedClips(props.snapshot.state, selectedIds);
  const Form = FORMS[panel.tab];
  return (
    <aside className="wf-panel" aria-label={t('wf.title')} data-testid="workflow-panel">
      <header className="wf-panel-header">
        <h2>{t('wf.title')}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('wf.close')}
          onClick={panel.close}
        >
          <IconClose />
        </button>
      </header>
      <nav className="wf-tabs" aria-label={t('wf.tabs')}>
        {WORKFLOW_TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            className={`wf-tab${panel.tab === tab ? ' is-on' : ''}`}
            aria-current={panel.tab === tab ? 'page' : undefined}
            onClick={() => {
              panel.open(tab);
            }}
          >
            {t(WORKFLOW_TAB_KEYS[tab])}
          </button>
        ))}
      </nav>
      <div className="wf-body">
        <Form
          key={
            panel.tab === 'extend' && panel.extendDraft !== null
              ? `extend-${String(panel.extendDraft.id)}`
              : panel.tab
          }
          snapshot={props.snapshot}
          selection={props.selection}
          selectedClip={clips.length === 1 ? (clips[0] ?? null) : null}
          onEdit={props.onEdit}
        />
      </div>
    </aside>
  );
}
