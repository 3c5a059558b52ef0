/**
 * Extract stems from the selected clip or from the mix over the time selection: one extract
 * pass per class, each stem on an aligned track, plus "Other (residual)": the source minus the
 * sum of the stems (ACE-Step has no "other" class; the residual is what the stems missed), with
 * a meter of how much of the source's energy it holds. Needs the base DiT.
 */
import { useState } from 'react';

import { ACE_TRACK_CLASSES, type AceTrackClass } from '../../../../app/model/instrument.ts';
import { DEFAULT_STEM_CLASSES } from '../../../../app/workflows/workflow-params.ts';
import type { ResidualMeter } from '../../../../app/workflows/workflow-result.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ClassChoice } from './ClassChoice.tsx';
import { CheckField, SegmentedChoice } from './form-fields.tsx';
import { settingsOf } from './form-model.ts';
import { StartButton, WorkflowFormShell } from './form-shell.tsx';
import { SettingsFieldsView } from './panel-parts.tsx';
import { useWorkflowForm } from './use-workflow-form.ts';
import type { WorkflowFormProps } from './workflow-form-props.ts';

/** How much of the source the residual holds, as a bar and in words. */
export function ResidualMeterView(props: { meter: ResidualMeter }) {
  const t = useT();
  const { energyRatio, energyDb } = props.meter;
  const share = Math.min(1, energyRatio);
  return (
    <div className="wf-meter" data-testid="residual-meter">
      <p className="field-label">{t('stems.meter')}</p>
      <div
        className="progress"
        role="meter"
        aria-label={t('stems.meter')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share * 100)}
      >
        <div className="progress-fill" style={{ width: `${Math.max(1, share * 100)}%` }} />
      </div>
      <p className="job-meta">
        {energyDb === null
          ? t('stems.meterSilent')
          : t('stems.meterValue', {
              percent: (energyRatio * 100).toFixed(1),
              db: energyDb.toFixed(1),
            })}
      </p>
    </div>
  );
}

export function StemsForm(props: WorkflowFormProps) {
  const t = useT();
  const form = useWorkflowForm(props.snapshot.projectId);
  const clip = props.selectedClip;
  const selection = props.selection;
  const [from, setFrom] = useState<'clip' | 'range'>(
    clip === null && selection !== null ? 'range' : 'clip',
  );
  const [classes, setClasses] = useState<AceTrackClass[]>([...DEFAULT_STEM_CLASSES]);
  const [residual, setResidual] = useState(true);
  const [mute, setMute] = useState(true);
  const source =
    from === 'clip'
      ? clip === null
        ? null
        : { clipId: clip.id }
      : selection === null
        ? null
        : { range: { start: selection.start, end: selection.end }, trackIds: selection.trackIds };
  const start = () => {
    if (source === null) {
      return;
    }
    form.submit({
      kind: 'extract',
      source,
      trackClasses: classes,
      residual,
      muteSource: mute,
      settings: settingsOf({ ...form.settings, batch: 1 }, { lm: false }),
    });
  };
  const { state } = form.run;
  const meter = state.status === 'succeeded' ? state.result.residual : undefined;
  return (
    <WorkflowFormShell
      tab="stems"
      task="extract"
      form={form}
      onSubmit={start}
      after={meter === undefined ? null : <ResidualMeterView meter={meter} />}
    >
      <SegmentedChoice
        label={t('stems.from')}
        value={from}
        labels={{ clip: t('stems.fromClip'), range: t('stems.fromRange') }}
        onChange={setFrom}
      />
      {source === null ? (
        <p className="wf-hint" role="status">
          {t(from === 'clip' ? 'wf.needsClip' : 'wf.needsRange')}
        </p>
      ) : null}
      <ClassChoice
        legend={t('stems.classes')}
        options={ACE_TRACK_CLASSES}
        value={classes}
        onChange={setClasses}
      />
      <CheckField label={t('stems.residual')} checked={residual} onChange={setResidual} />
      <CheckField label={t('stems.mute')} checked={mute} onChange={setMute} />
      <SettingsFieldsView value={form.settings} onChange={form.setSettings} batch={false} />
      <StartButton
        form={form}
        label={t('stems.start')}
        blocked={source === null || classes.length === 0}
      />
    </WorkflowFormShell>
  );
}
