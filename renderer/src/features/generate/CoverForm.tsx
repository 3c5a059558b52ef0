/**
 * A cover of the selected clip: a new caption (and lyrics) for it, a strength (how many steps
 * follow the source) and an optional style reference; it lands on a new track under the clip.
 */
import { useState } from 'react';

import { useT } from '../../i18n/I18nProvider.tsx';
import { LabelledField } from './form-fields.tsx';
import { EMPTY_SONG, settingsOf, songParams } from './form-model.ts';
import { ClipHint, StartButton, WorkflowFormShell } from './form-shell.tsx';
import { SettingsFieldsView } from './panel-parts.tsx';
import { type Reference, ReferencePicker } from './ReferencePicker.tsx';
import { SongFieldsView } from './SongFieldsView.tsx';
import { useWorkflowForm } from './use-workflow-form.ts';
import type { WorkflowFormProps } from './workflow-form-props.ts';

export function CoverForm(props: WorkflowFormProps) {
  const t = useT();
  const form = useWorkflowForm(props.snapshot.projectId);
  const [song, setSong] = useState(EMPTY_SONG);
  const [strength, setStrength] = useState(0.8);
  const [reference, setReference] = useState<Reference | null>(null);
  const clip = props.selectedClip;
  const start = () => {
    if (clip === null) {
      return;
    }
    form.submit({
      kind: 'cover',
      source: { clipId: clip.id },
      ...songParams(song),
      strength,
      settings: {
        ...settingsOf(form.settings, { lm: false }),
        ...(reference === null ? {} : { reference: reference.ref }),
      },
    });
  };
  return (
    <WorkflowFormShell tab="cover" task="cover" form={form} onSubmit={start}>
      <ClipHint clip={clip} />
      <SongFieldsView value={song} onChange={setSong} parts={{ duration: false }} />
      <LabelledField label={`${t('cover.strength')} ${strength.toFixed(2)}`}>
        {(id) => (
          <>
            <input
              id={id}
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
          </>
        )}
      </LabelledField>
      <ReferencePicker
        projectId={props.snapshot.projectId}
        value={reference}
        onChange={setReference}
        selectedClip={null}
      />
      <SettingsFieldsView value={form.settings} onChange={form.setSettings} />
      <StartButton form={form} label={t('cover.start')} blocked={clip === null} />
    </WorkflowFormShell>
  );
}
