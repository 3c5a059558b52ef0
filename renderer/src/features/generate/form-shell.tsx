/**
 * The frame of a workflow form: the form element named after its tab, the notice of a model
 * the task still needs, the form's own fields ending with its start button (and the problem
 * the check found), then the status of the run it started.
 */
import type { ReactNode } from 'react';

import type { Clip } from '../../../../app/model/project.ts';
import { formatBarsBeats, type TimeSignature } from '../../../../app/timeline/musical-time.ts';
import { ticks } from '../../../../app/timeline/units.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ModelNeed, RunStatus } from './panel-parts.tsx';
import type { WorkflowForm } from './use-workflow-form.ts';
import { WORKFLOW_TAB_KEYS, type WorkflowTab } from './workflow-panel-context.ts';

export function WorkflowFormShell(props: {
  /** The tab the form sits in; its title names the form. */
  tab: WorkflowTab;
  /** The models.overview task whose missing models the form offers to install. */
  task: string;
  form: WorkflowForm;
  onSubmit: () => void;
  /** The form's fields, ending with its StartButton. */
  children: ReactNode;
  /** Shown under the run's status (the stems' residual meter). */
  after?: ReactNode;
}) {
  const t = useT();
  return (
    <form
      className="wf-form"
      aria-label={t(WORKFLOW_TAB_KEYS[props.tab])}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <ModelNeed task={props.task} />
      {props.children}
      <RunStatus run={props.form.run} />
      {props.after}
    </form>
  );
}

/** What the last check refused, then the submit button (off while the run is going). */
export function StartButton(props: { form: WorkflowForm; label: string; blocked?: boolean }) {
  const { problem, run } = props.form;
  return (
    <>
      {problem === null ? null : (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="submit"
        className="button button-primary"
        disabled={props.blocked === true || run.state.status === 'running'}
      >
        {props.label}
      </button>
    </>
  );
}

/** The selected clip the form works on, or (as a status) that it needs one. */
export function ClipHint(props: { clip: Clip | null }) {
  const t = useT();
  return props.clip === null ? (
    <p className="wf-hint" role="status">
      {t('wf.needsClip')}
    </p>
  ) : (
    <p className="wf-hint">{t('wf.clip', { name: props.clip.name })}</p>
  );
}

/** "From … to …" of a range in bars and beats. */
export function RangeText(props: {
  range: { start: number; end: number };
  signature: TimeSignature;
}) {
  const t = useT();
  return t('wf.range', {
    start: formatBarsBeats(ticks(props.range.start), props.signature),
    end: formatBarsBeats(ticks(props.range.end), props.signature),
  });
}
