/**
 * Extend the selected clip before its start or after its end (outpainting): the model hears
 * up to `context` seconds of the clip and the new part lands as a clip right beside it. The
 * timeline proposes side and length when a clip's edge is dragged past its audio.
 */
import { useState } from 'react';

import { secondsToTicks } from '../../../../app/timeline/tempo.ts';
import { seconds } from '../../../../app/timeline/units.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { NumberField, SegmentedChoice } from './form-fields.tsx';
import { settingsOf } from './form-model.ts';
import { ClipHint, StartButton, WorkflowFormShell } from './form-shell.tsx';
import { SettingsFieldsView } from './panel-parts.tsx';
import { useWorkflowForm } from './use-workflow-form.ts';
import type { WorkflowFormProps } from './workflow-form-props.ts';
import { useWorkflowPanel } from './workflow-panel-context.ts';

export function ExtendForm(props: WorkflowFormProps) {
  const t = useT();
  const form = useWorkflowForm(props.snapshot.projectId);
  // A trim dragged past this clip's audio proposes the side and the length it reached.
  const proposed = useWorkflowPanel()?.extendDraft ?? null;
  const draft =
    proposed !== null && proposed.clipId === props.selectedClip?.id ? proposed : undefined;
  const [side, setSide] = useState<'start' | 'end'>(draft?.side ?? 'end');
  const [length, setLength] = useState(draft === undefined ? '10' : draft.seconds.toFixed(1));
  const [context, setContext] = useState('30');
  const clip = props.selectedClip;
  // The two lengths in seconds: what is added, and how much of the clip the model hears.
  const lengthFields = [
    ['extend.length', length, setLength],
    ['extend.context', context, setContext],
  ] as const;
  const start = () => {
    if (clip === null) {
      return;
    }
    form.submit({
      kind: 'extend',
      clipId: clip.id,
      side,
      length: secondsToTicks(seconds(Number(length)), props.snapshot.state.meta.tempo),
      contextSeconds: Number(context),
      settings: settingsOf({ ...form.settings, batch: 1 }, { lm: false }),
    });
  };
  return (
    <WorkflowFormShell tab="extend" task="repaint" form={form} onSubmit={start}>
      <ClipHint clip={clip} />
      <p className="wf-hint">{t('extend.hint')}</p>
      <SegmentedChoice
        label={t('extend.side')}
        value={side}
        labels={{ start: t('extend.before'), end: t('extend.after') }}
        onChange={setSide}
      />
      <div className="wf-grid">
        {lengthFields.map(([label, value, onChange]) => (
          <NumberField
            key={label}
            label={t(label)}
            value={value}
            min={1}
            max={300}
            step={1}
            decimal={false}
            onChange={onChange}
          />
        ))}
      </div>
      <SettingsFieldsView value={form.settings} onChange={form.setSettings} batch={false} />
      <StartButton form={form} label={t('extend.start')} blocked={clip === null} />
    </WorkflowFormShell>
  );
}
