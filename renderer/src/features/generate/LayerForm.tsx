/**
 * Add a layer (lego) over the time selection (or the selected clip's span): its instrument
 * class, the tracks it hears as context (the audible ones by default) and what it plays.
 * Needs the base DiT: the form says so and offers the install.
 */
import { useState } from 'react';

import { audibleTrackIds } from '../../../../app/audio/mix-laws.ts';
import type { TrackId } from '../../../../app/model/ids.ts';
import { ACE_TRACK_CLASSES, type AceTrackClass } from '../../../../app/model/instrument.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { instrumentName } from '../project/instrument-name.ts';
import { CheckField, SelectField, toggled } from './form-fields.tsx';
import { EMPTY_SONG, settingsOf, songParams } from './form-model.ts';
import { RangeText, StartButton, WorkflowFormShell } from './form-shell.tsx';
import { SettingsFieldsView } from './panel-parts.tsx';
import { SongFieldsView } from './SongFieldsView.tsx';
import { useWorkflowForm } from './use-workflow-form.ts';
import { type WorkflowFormProps, workingRange } from './workflow-form-props.ts';

export function LayerForm(props: WorkflowFormProps) {
  const t = useT();
  const { state } = props.snapshot;
  const form = useWorkflowForm(props.snapshot.projectId);
  const [trackClass, setTrackClass] = useState<AceTrackClass>('drums');
  const [heard, setHeard] = useState<Set<TrackId> | null>(null);
  const [song, setSong] = useState(EMPTY_SONG);
  const range = workingRange(props);
  const context = heard ?? audibleTrackIds(state.tracks);
  const start = () => {
    if (range === null) {
      return;
    }
    form.submit({
      kind: 'addLayer',
      range,
      trackClass,
      contextTrackIds: state.tracks
        .filter((track) => context.has(track.id))
        .map((track) => track.id),
      ...songParams(song),
      settings: settingsOf(form.settings),
    });
  };
  return (
    <WorkflowFormShell tab="layer" task="lego" form={form} onSubmit={start}>
      {range === null ? (
        <p className="wf-hint" role="status">
          {t('wf.needsRange')}
        </p>
      ) : (
        <p className="wf-hint">
          <RangeText range={range} signature={state.meta.timeSignature} />
        </p>
      )}
      <SelectField
        label={t('layer.class')}
        value={trackClass}
        options={ACE_TRACK_CLASSES.map(
          (value) => [value, instrumentName({ kind: 'ace', trackClass: value })] as const,
        )}
        onChange={setTrackClass}
      />
      <fieldset className="wf-fieldset">
        <legend className="field-label">{t('layer.context')}</legend>
        {state.tracks.map((track) => (
          <CheckField
            key={track.id}
            label={track.name}
            checked={context.has(track.id)}
            onChange={(on) => {
              setHeard(toggled(context, track.id, on));
            }}
          />
        ))}
        <p className="wf-hint">{t('layer.contextHint')}</p>
      </fieldset>
      <SongFieldsView
        value={song}
        onChange={setSong}
        parts={{
          duration: false,
          lyrics: trackClass === 'vocals' || trackClass === 'backing_vocals',
        }}
        captionLabel={t('layer.caption')}
      />
      <SettingsFieldsView value={form.settings} onChange={form.setSettings} thinking />
      <StartButton form={form} label={t('layer.start')} blocked={range === null} />
    </WorkflowFormShell>
  );
}
