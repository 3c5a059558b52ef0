/**
 * A cover of the selected clip: a new caption (and lyrics) for it, a strength (how many steps
 * follow the source) and an optional style reference; it lands on a new track under the clip.
 */
import { useId, useState } from 'react';

import { useT } from '../../i18n/I18nProvider.tsx';
import { checkParams, DEFAULT_SETTINGS, EMPTY_SONG, settingsOf, songParams } from './form-model.ts';
import { ModelNeed, RunStatus, SettingsFieldsView } from './panel-parts.tsx';
import { type Reference, ReferencePicker } from './ReferencePicker.tsx';
import { SongFieldsView } from './SongFieldsView.tsx';
import { useWorkflowRun } from './use-workflow-run.ts';
import type { WorkflowFormProps } from './workflow-form-props.ts';

export function CoverForm(props: WorkflowFormProps) {
  const t = useT();
  const strengthId = useId();
  const run = useWorkflowRun(props.snapshot.projectId);
  const [song, setSong] = useState(EMPTY_SONG);
  const [strength, setStrength] = useState(0.8);
  const [reference, setReference] = useState<Reference | null>(null);
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  const [problem, setProblem] = useState<string | null>(null);
  const clip = props.selectedClip;
  const start = () => {
    if (clip === null) {
      return;
    }
    const checked = checkParams({
      kind: 'cover',
      source: { clipId: clip.id },
      ...songParams(song),
      strength,
      settings: {
        ...settingsOf(settings, { lm: false }),
        ...(reference === null ? {} : { reference: reference.ref }),
      },
    });
    setProblem(checked.ok ? null : checked.message);
    if (checked.ok) {
      run.start(checked.params);
    }
  };
  return (
    <form
      className="wf-form"
      aria-label={t('wf.tab.cover')}
      onSubmit={(event) => {
        event.preventDefault();
        start();
      }}
    >
      <ModelNeed task="cover" />
      {clip === null ? (
        <p className="wf-hint" role="status">
          {t('wf.needsClip')}
        </p>
      ) : (
        <p className="wf-hint">{t('wf.clip', { name: clip.name })}</p>
      )}
      <SongFieldsView value={song} onChange={setSong} parts={{ duration: false }} />
      <div className="field">
        <label className="field-label" htmlFor={strengthId}>
          {t('cover.strength')} {strength.toFixed(2)}
        </label>
        <input
          id={strengthId}
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={strength}
          onChange={(event) => {
            setStrength(Number(event.currentTarget.value));
          }}
        />
        <p className="wf-hint">{t('cover.strengthHint')}</p>
      </div>
      <ReferencePicker
        projectId={props.snapshot.projectId}
        value={reference}
        onChange={setReference}
        selectedClip={null}
      />
      <SettingsFieldsView value={settings} onChange={setSettings} />
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
        {t('cover.start')}
      </button>
      <RunStatus run={run} />
    </form>
  );
}
