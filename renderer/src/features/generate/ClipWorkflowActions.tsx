/** The selected clip's workflow entry points (the clip inspector shows them). */
import type { Clip } from '../../../../app/model/project.ts';
import type { ProjectState } from '../../../../app/model/project.ts';
import { takesOf } from '../../../../app/model/takes.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useWorkflowPanel, type WorkflowTab } from './workflow-panel-context.ts';

const ACTIONS: readonly [
  WorkflowTab,
  (
    | 'wf.tab.repaint'
    | 'wf.tab.extend'
    | 'wf.tab.stems'
    | 'wf.tab.cover'
    | 'wf.tab.accompaniment'
    | 'wf.tab.layer'
    | 'wf.tab.analyse'
    | 'wf.tab.takes'
  ),
][] = [
  ['repaint', 'wf.tab.repaint'],
  ['extend', 'wf.tab.extend'],
  ['layer', 'wf.tab.layer'],
  ['accompaniment', 'wf.tab.accompaniment'],
  ['stems', 'wf.tab.stems'],
  ['cover', 'wf.tab.cover'],
  ['analyse', 'wf.tab.analyse'],
  ['takes', 'wf.tab.takes'],
];

export function ClipWorkflowActions(props: { clip: Clip; state: ProjectState }) {
  const t = useT();
  const panel = useWorkflowPanel();
  if (panel === null) {
    return null;
  }
  const takes = takesOf(props.state, props.clip.id).length;
  return (
    <div className="wf-clip-actions" role="group" aria-label={t('wf.tabs')}>
      {ACTIONS.map(([tab, key]) => (
        <button
          key={tab}
          type="button"
          className="button button-small button-ghost"
          onClick={() => {
            panel.open(tab);
          }}
        >
          {t(key)}
          {tab === 'takes' && takes > 1 ? <span className="badge">{takes}</span> : null}
        </button>
      ))}
    </div>
  );
}
