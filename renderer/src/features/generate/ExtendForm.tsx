/**
 * Extend the selected clip before its start or after its end (outpainting): the model hears
 * up to `context` seconds of the clip and the new part lands as a clip right beside it. The
 * timeline proposes side and length when a clip's edge is dragged past its audio.
 */
import { useId, useState } from 'react';

import { secondsToTicks } from '../../../../app/timeline/tempo.ts';
import { seconds } from '../../../../app/timeline/units.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { checkParams, DEFAULT_SETTINGS, settingsOf } from './form-model.ts';
import { ModelNeed, RunStatus, SettingsFieldsView } from './panel-parts.tsx';
import { useWorkflowRun } from './use-workflow-run.ts';
import type { WorkflowFormProps } from './workflow-form-props.ts';
import { useWorkflowPanel } from './workflow-panel-context.ts';

export function ExtendForm(props: WorkflowFormProps) {
  const t = useT();
  const ids = { length: useId(), context: useId() };
  const run = useWorkflowRun(props.snapshot.projectId);
  // A trim dragged past this clip's audio proposes the side and the length it reached.
  const proposed = useWorkflowPanel()?.extendDraft ?? null;
  const draft =
    proposed !== null && proposed.clipId === props.selectedClip?.id ? proposed : undefined;
  const [side, setSide] = useState<'start' | 'end'>(draft?.side ?? 'end');
  const [length, setLength] = useState(draft === undefined ? '10' : draft.seconds.toFixed(1));
  const [context, setContext] = useState('30');
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  const [problem, setProblem] = useState<string | null>(null);
  const clip = props.selectedClip;
  const start = () => {
    if (clip === null) {
      return;
    }
    const checked = checkParams({
      kind: 'extend',
      clipId: clip.id,
      side,
      length: secondsToTicks(seconds(Number(length)), props.snapshot.state.meta.tempo),
      contextSeconds: Number(context),
      settings: settingsOf({ ...settings, batch: 1 }, { lm: false }),
    });
    setProblem(checked.ok ? null : checked.message);
    if (checked.ok) {
      run.start(checked.params);
    }
  };
  return (
    <form
      className="wf-form"
      aria-label={t('wf.tab.extend')}
      onSubmit={(event) => {
        event.preventDefault();
        start();
      }}
    >
      <ModelNeed task="repaint" />
      {clip === null ? (
        <p className="wf-hint" role="status">
          {t('wf.needsClip')}
        </p>
      ) : (
        <p className="wf-hint">{t('wf.clip', { name: clip.name })}</p>
      )}
      <p className="wf-hint">{t('extend.hint')}</p>
      <div className="segmented" role="radiogroup" aria-label={t('extend.side')}>
        {(['start', 'end'] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={side === value}
            className={`segment${side === value ? ' is-on' : ''}`}
            onClick={() => {
              setSide(value);
            }}
          >
            {t(value === 'start' ? 'extend.before' : 'extend.after')}
          </button>
        ))}
      </div>
      <div className="wf-grid">
        <div className="field wf-small-field">
          <label className="field-label" htmlFor={ids.length}>
            {t('extend.length')}
          </label>
          <input
            id={ids.length}
            className="input input-narrow"
            type="number"
            min={1}
            max={300}
            value={length}
            onChange={(event) => {
              setLength(event.currentTarget.value);
            }}
          />
        </div>
        <div className="field wf-small-field">
          <label className="field-label" htmlFor={ids.context}>
            {t('extend.context')}
          </label>
          <input
            id={ids.context}
            className="input input-narrow"
            type="number"
            min={1}
            max={300}
            value={context}
            onChange={(event) => {
              setContext(event.currentTarget.value);
            }}
          />
        </div>
      </div>
      <SettingsFieldsView value={settings} onChange={setSettings} batch={false} />
      {problem === null ? null : (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="submit"
        className="button button-primary"
        disabled={clip === null || run.state.status === 'running'}
      >
        {t('extend.start')}
      </button>
      <RunStatus run={run} />
    </form>
  );
}
