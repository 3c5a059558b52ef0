/**
 * Repaint regions of the selected clip: add the time selection as a region (as many as wanted,
 * each with an optional caption or lyrics of its own); the result is a new version of the
 * clip, untouched outside the regions.
 */
import { useState } from 'react';

import { CAPTION_MAX_CHARS, LYRICS_MAX_CHARS } from '../../../../app/workflows/workflow-params.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { CheckField } from './form-fields.tsx';
import { settingsOf } from './form-model.ts';
import { ClipHint, RangeText, StartButton, WorkflowFormShell } from './form-shell.tsx';
import { CountedText, SettingsFieldsView } from './panel-parts.tsx';
import { useWorkflowForm } from './use-workflow-form.ts';
import type { WorkflowFormProps } from './workflow-form-props.ts';

interface RegionFields {
  start: number;
  end: number;
  caption: string;
  lyrics: string;
}

export function RepaintForm(props: WorkflowFormProps) {
  const t = useT();
  const form = useWorkflowForm(props.snapshot.projectId);
  const [regions, setRegions] = useState<RegionFields[]>([]);
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
    form.submit({
      kind: 'repaint',
      target,
      regions: queued.map((region) => ({
        start: region.start,
        end: region.end,
        ...(region.caption.trim() === '' ? {} : { caption: region.caption }),
        ...(region.lyrics.trim() === '' ? {} : { lyrics: region.lyrics }),
      })),
      settings: settingsOf(form.settings, { lm: false }),
    });
  };
  return (
    <WorkflowFormShell tab="repaint" task="repaint" form={form} onSubmit={start}>
      <ClipHint clip={clip} />
      <CheckField label={t('repaint.across')} checked={across} onChange={setAcross} />
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
                  <RangeText range={region} signature={signature} />
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
      <SettingsFieldsView
        value={form.settings}
        onChange={form.setSettings}
        batch={queued.length <= 1}
      />
      <StartButton
        form={form}
        label={t('repaint.start')}
        blocked={target === null || queued.length === 0}
      />
    </WorkflowFormShell>
  );
}
