/**
 * Vocal-to-BGM (ACE-Step's complete task): accompaniment for the selected vocal clip, of the
 * chosen classes and style, placed under it; with several classes it can be split into one
 * track per class (extract on the generated accompaniment). Needs the base DiT.
 */
import { useState } from 'react';

import { type AceTrackClass } from '../../../../app/model/instrument.ts';
import { CAPTION_MAX_CHARS } from '../../../../app/workflows/workflow-params.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ClassChoice } from './ClassChoice.tsx';
import { checkParams, DEFAULT_SETTINGS, settingsOf } from './form-model.ts';
import { CountedText, ModelNeed, RunStatus, SettingsFieldsView } from './panel-parts.tsx';
import { useWorkflowRun } from './use-workflow-run.ts';
import type { WorkflowFormProps } from './workflow-form-props.ts';

const ACCOMPANIMENT: readonly AceTrackClass[] = [
  'drums',
  'bass',
  'guitar',
  'keyboard',
  'strings',
  'synth',
  'percussion',
  'brass',
  'woodwinds',
  'backing_vocals',
  'fx',
];

export function AccompanimentForm(props: WorkflowFormProps) {
  const t = useT();
  const run = useWorkflowRun(props.snapshot.projectId);
  const [classes, setClasses] = useState<AceTrackClass[]>(['drums', 'bass', 'keyboard']);
  const [style, setStyle] = useState('');
  const [useProject, setUseProject] = useState(true);
  const [split, setSplit] = useState(false);
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  const [problem, setProblem] = useState<string | null>(null);
  const clip = props.selectedClip;
  const { meta } = props.snapshot.state;
  const start = () => {
    if (clip === null) {
      return;
    }
    const checked = checkParams({
      kind: 'vocalToBgm',
      source: { clipId: clip.id },
      trackClasses: classes,
      caption: style,
      metadata: useProject
        ? {
            bpm: Math.min(300, Math.max(30, Math.round(meta.tempo))),
            ...(meta.key === null ? {} : { keyScale: `${meta.key.tonic} ${meta.key.mode}` }),
          }
        : {},
      split: split && classes.length > 1,
      settings: settingsOf(settings),
    });
    setProblem(checked.ok ? null : checked.message);
    if (checked.ok) {
      run.start(checked.params);
    }
  };
  return (
    <form
      className="wf-form"
      aria-label={t('wf.tab.accompaniment')}
      onSubmit={(event) => {
        event.preventDefault();
        start();
      }}
    >
      <ModelNeed task="complete" />
      {clip === null ? (
        <p className="wf-hint" role="status">
          {t('wf.needsClip')}
        </p>
      ) : (
        <p className="wf-hint">{t('wf.clip', { name: clip.name })}</p>
      )}
      <ClassChoice
        legend={t('acc.classes')}
        options={ACCOMPANIMENT}
        value={classes}
        onChange={setClasses}
      />
      <CountedText
        label={t('acc.style')}
        value={style}
        max={CAPTION_MAX_CHARS}
        placeholder={t('acc.stylePlaceholder')}
        onChange={setStyle}
      />
      <label className="check-field">
        <input
          type="checkbox"
          checked={useProject}
          onChange={(event) => {
            setUseProject(event.currentTarget.checked);
          }}
        />
        {t('acc.useProject')}
      </label>
      {classes.length > 1 ? (
        <label className="check-field">
          <input
            type="checkbox"
            checked={split}
            onChange={(event) => {
              setSplit(event.currentTarget.checked);
            }}
          />
          {t('acc.split')}
        </label>
      ) : null}
      <SettingsFieldsView value={settings} onChange={setSettings} batch={!split} />
      {problem === null ? null : (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="submit"
        className="button button-primary"
        disabled={clip === null || classes.length === 0 || run.state.status === 'running'}
      >
        {t('acc.start')}
      </button>
      <RunStatus run={run} />
    </form>
  );
}
