/**
 * Repaint regions of the selected clip: add the time selection as a region (as many as wanted,
 * each with an optional caption or lyrics of its own); the result is a new version of the
 * clip, untouched outside the regions.
 */
import { useState } from 'react';

import { formatBarsBeats } from '../../../../app/timeline/musical-time.ts';
import { ticks } from '../../../../app/timeline/units.ts';
import { CAPTION_MAX_CHARS, LYRICS_MAX_CHARS } from '../../../../app/workflows/workflow-params.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { checkParams, DEFAULT_SETTINGS, settingsOf } from './form-model.ts';
import { CountedText, ModelNeed, RunStatus, SettingsFieldsView } from './panel-parts.tsx';
import { useWorkflowRun } from './use-workflow-run.ts';
import type { WorkflowFormProps } from './workflow-form-props.ts';

interface RegionFields {
  start: number;
  end: number;
  caption: string;
  lyrics: string;
}

export function RepaintForm(props: WorkflowFormProps) {
  const t = useT();
  const run = useWorkflowRun(props.snapshot.projectId);
  const [regions, setRegions] = useState<RegionFields[]>([]);
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  const [problem, setProblem] = useState<string | null>(null);
  const [across, setAcross] = useState(false);
  const clip = props.selectedClip;
  const { tracks } = props.snapshot.state;
  const signature = props.snapshot.state.meta.timeSignature;
  const selection = props.selection;
  const queued =
    regions.length > 0 || selection === null
      ? regions
      : [{ start: selection.start, end: selection.end, caption: '', lyrics: '' }];
  const update = (index: number, patch: Partial<RegionFields>) => {
    setRegions(queued.map((region, i) => (i === index ? { ...region, ...patch } : region)));
  };
  // Across the mix: every clip on the selection's tracks (all tracks when it names none).
  const trackIds =
    selection === null || selection.trackIds.length === 0
      ? tracks.map((track) => track.id)
      : selection.trackIds;
  const target = across ? { trackIds } : clip === null ? null : { clipId: clip.id };
  const start = () => {
    if (target === null) {
      return;
    }
    const checked = checkParams({
      kind: 'repaint',
      target,
      regions: queued.map((region) => ({
        start: region.start,
        end: region.end,
        ...(region.caption.trim() === '' ? {} : { caption: region.caption }),
        ...(region.lyrics.trim() === '' ? {} : { lyrics: region.lyrics }),
      })),
      settings: settingsOf(settings, { lm: false }),
    });
    setProblem(checked.ok ? null : checked.message);
    if (checked.ok) {
      run.start(checked.params);
    }
  };
  return (
    <form
      className="wf-form"
      aria-label={t('wf.tab.repaint')}
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
      <label className="check-field">
        <input
          type="checkbox"
          checked={across}
          onChange={(event) => {
            setAcross(event.currentTarget.checked);
          }}
        />
        {t('repaint.across')}
      </label>
      <p className="wf-hint">{t('repaint.hint')}</p>
      <fieldset className="wf-fieldset">
        <legend className="field-label">{t('repaint.regions')}</legend>
        {queued.length === 0 ? <p className="wf-hint">{t('repaint.noRegions')}</p> : null}
        <ol className="wf-regions">
          {queued.map((region, index) => (
            <li
              key={`${region.start}-${region.end}`}
              className="wf-region"
              data-testid="repaint-region"
            >
              <div className="wf-region-head">
                <span>
                  {t('wf.range', {
                    start: formatBarsBeats(ticks(region.start), signature),
                    end: formatBarsBeats(ticks(region.end), signature),
                  })}
                </span>
                <button
                  type="button"
                  className="button button-small button-ghost"
                  aria-label={t('repaint.removeRegion', { n: index + 1 })}
                  onClick={() => {
                    setRegions(queued.filter((_, i) => i !== index));
                  }}
                >
                  ✕
                </button>
              </div>
              <CountedText
                label={t('repaint.regionCaption', { n: index + 1 })}
                value={region.caption}
                max={CAPTION_MAX_CHARS}
                rows={2}
                onChange={(caption) => {
                  update(index, { caption });
                }}
              />
              <CountedText
                label={t('repaint.regionLyrics', { n: index + 1 })}
                value={region.lyrics}
                max={LYRICS_MAX_CHARS}
                rows={2}
                onChange={(lyrics) => {
                  update(index, { lyrics });
                }}
              />
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button-small"
          disabled={selection === null}
          onClick={() => {
            if (
              selection !== null &&
              !queued.some((r) => r.start === selection.start && r.end === selection.end)
            ) {
              setRegions([
                ...queued,
                { start: selection.start, end: selection.end, caption: '', lyrics: '' },
              ]);
            }
          }}
        >
          {t('repaint.addRegion')}
        </button>
      </fieldset>
      <SettingsFieldsView value={settings} onChange={setSettings} batch={queued.length <= 1} />
      {problem === null ? null : (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="submit"
        className="button button-primary"
        disabled={target === null || queued.length === 0 || run.state.status === 'running'}
      >
        {t('repaint.start')}
      </button>
      <RunStatus run={run} />
    </form>
  );
}
