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
import { CheckField } from './form-fields.tsx';
import { settingsOf } from './form-model.ts';
import { ClipHint, StartButton, WorkflowFormShell } from './form-shell.tsx';
import { CountedText, SettingsFieldsView } from './panel-parts.tsx';
import { useWorkflowForm } from './use-workflow-form.ts';
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
  const form = useWorkflowForm(props.snapshot.projectId);
  const [classes, setClasses] = useState<AceTrackClass[]>(['drums', 'bass', 'keyboard']);
  const [style, setStyle] = useState('');
  const [useProject, setUseProject] = useState(true);
  const [split, setSplit] = useState(false);
  const clip = props.selectedClip;
  const { meta } = props.snapshot.state;
  const start = () => {
    if (clip === null) {
      return;
    }
    form.submit({
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
      settings: settingsOf(form.settings),
    });
  };
  return (
    <WorkflowFormShell tab="accompaniment" task="complete" form={form} onSubmit={start}>
      <ClipHint clip={clip} />
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
      <CheckField label={t('acc.useProject')} checked={useProject} onChange={setUseProject} />
      {classes.length > 1 ? (
        <CheckField label={t('acc.split')} checked={split} onChange={setSplit} />
      ) : null}
      <SettingsFieldsView value={form.settings} onChange={form.setSettings} batch={!split} />
      <StartButton
        form={form}
        label={t('acc.start')}
        blocked={clip === null || classes.length === 0}
      />
    </WorkflowFormShell>
  );
}
