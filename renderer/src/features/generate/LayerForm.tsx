/**
 * Add a layer (lego) over the time selection (or the selected clip's span): its instrument
 * class, the tracks it hears as context (the audible ones by default) and what it plays.
 * Needs the base DiT: the form says so and offers the install.
 */
import { useId, useState } from 'react';

import { audibleTrackIds } from '../../../../app/audio/mix-laws.ts';
import type { TrackId } from '../../../../app/model/ids.ts';
import { ACE_TRACK_CLASSES, type AceTrackClass } from '../../../../app/model/instrument.ts';
import { formatBarsBeats } from '../../../../app/timeline/musical-time.ts';
import { ticks } from '../../../../app/timeline/units.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { instrumentName } from '../project/instrument-name.ts';
import { checkParams, DEFAULT_SETTINGS, EMPTY_SONG, settingsOf, songParams } from './form-model.ts';
import { ModelNeed, RunStatus, SettingsFieldsView } from './panel-parts.tsx';
import { SongFieldsView } from './SongFieldsView.tsx';
import { useWorkflowRun } from './use-workflow-run.ts';
import { type WorkflowFormProps, workingRange } from './workflow-form-props.ts';

export function LayerForm(props: WorkflowFormProps) {
  const t = useT();
  const classId = useId();
  const { state } = props.snapshot;
  const run = useWorkflowRun(props.snapshot.projectId);
  const [trackClass, setTrackClass] = useState<AceTrackClass>('drums');
  const [heard, setHeard] = useState<Set<TrackId> | null>(null);
  const [song, setSong] = useState(EMPTY_SONG);
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  const [problem, setProblem] = useState<string | null>(null);
  const range = workingRange(props);
  const context = heard ?? audibleTrackIds(state.tracks);
  const signature = state.meta.timeSignature;
  const start = () => {
    if (range === null) {
      return;
    }
    const checked = checkParams({
      kind: 'addLayer',
      range,
      trackClass,
      contextTrackIds: state.tracks
        .filter((track) => context.has(track.id))
        .map((track) => track.id),
      ...songParams(song),
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
      aria-label={t('wf.tab.layer')}
      onSubmit={(event) => {
        event.preventDefault();
        start();
      }}
    >
      <ModelNeed task="lego" />
      {range === null ? (
        <p className="wf-hint" role="status">
          {t('wf.needsRange')}
        </p>
      ) : (
        <p className="wf-hint">
          {t('wf.range', {
            start: formatBarsBeats(ticks(range.start), signature),
            end: formatBarsBeats(ticks(range.end), signature),
          })}
        </p>
      )}
      <div className="field">
        <label className="field-label" htmlFor={classId}>
          {t('layer.class')}
        </label>
        <select
          id={classId}
          className="input"
          value={trackClass}
          onChange={(event) => {
            setTrackClass(event.currentTarget.value as AceTrackClass);
          }}
        >
          {ACE_TRACK_CLASSES.map((value) => (
            <option key={value} value={value}>
              {instrumentName({ kind: 'ace', trackClass: value })}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="wf-fieldset">
        <legend className="field-label">{t('layer.context')}</legend>
        {state.tracks.map((track) => (
          <label key={track.id} className="check-field">
            <input
              type="checkbox"
              checked={context.has(track.id)}
              onChange={(event) => {
                const next = new Set(context);
                if (event.currentTarget.checked) {
                  next.add(track.id);
                } else {
                  next.delete(track.id);
                }
                setHeard(next);
              }}
            />
            {track.name}
          </label>
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
      <SettingsFieldsView value={settings} onChange={setSettings} thinking />
      {problem === null ? null : (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="submit"
        className="button button-primary"
        disabled={range === null || run.state.status === 'running'}
      >
        {t('layer.start')}
      </button>
      <RunStatus run={run} />
    </form>
  );
}
