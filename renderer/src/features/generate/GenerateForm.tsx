/**
 * A new song (text2music). Simple mode: one sentence, expanded by the LM (lm.inspire) into a
 * full draft shown in custom mode for editing. Custom mode: caption, lyrics, metadata (each
 * "auto" or set), thinking, model and advanced sampler settings; a batch gives takes.
 */
import { useState } from 'react';

import { StudioError } from '../../../../app/errors.ts';
import { SongDraft } from '../../../../app/model/song-draft.ts';
import { formatBarsBeats } from '../../../../app/timeline/musical-time.ts';
import type { Ticks } from '../../../../app/timeline/units.ts';
import { CAPTION_MAX_CHARS } from '../../../../app/workflows/workflow-params.ts';
import { useStudioClient } from '../../client/studio-context.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useErrorToast } from '../../ui/Toasts.tsx';
import { followJob } from '../jobs/follow-job.ts';
import { useTimelineValue } from '../timeline/timeline-store.ts';
import { SegmentedChoice, SelectField } from './form-fields.tsx';
import { EMPTY_SONG, settingsOf, songFromDraft, songParams } from './form-model.ts';
import { StartButton, WorkflowFormShell } from './form-shell.tsx';
import { CountedText, ModelNeed, SettingsFieldsView } from './panel-parts.tsx';
import { type Reference, ReferencePicker } from './ReferencePicker.tsx';
import { SongFieldsView } from './SongFieldsView.tsx';
import { useWorkflowForm } from './use-workflow-form.ts';
import type { WorkflowFormProps } from './workflow-form-props.ts';
import { useWorkflowPanel } from './workflow-panel-context.ts';

export function GenerateForm(props: WorkflowFormProps) {
  const t = useT();
  const client = useStudioClient();
  const showError = useErrorToast();
  const panel = useWorkflowPanel();
  const form = useWorkflowForm(props.snapshot.projectId);
  const cursor = useTimelineValue((s) => s.cursor);
  const [mode, setMode] = useState<'simple' | 'custom'>('custom');
  const [query, setQuery] = useState('');
  const [drafting, setDrafting] = useState(false);
  const [drafted, setDrafted] = useState(false);
  // A draft another tab proposed (analysis) is where the form starts.
  const [song, setSong] = useState(() => panel?.proposal ?? EMPTY_SONG);
  const [target, setTarget] = useState('');
  const [reference, setReference] = useState<Reference | null>(null);
  const { state } = props.snapshot;

  const at: Ticks = props.selection?.start ?? cursor;
  const draft = async () => {
    setDrafting(true);
    try {
      const { jobId } = await client.call('lm.inspire', {
        query,
        instrumental: song.instrumental,
        ...(song.language === '' ? {} : { language: song.language }),
      });
      const outcome = await followJob(client, jobId);
      const parsed = SongDraft.safeParse(outcome.result);
      if (!parsed.success) {
        throw outcome.error === null
          ? new StudioError('INTERNAL', 'The LM gave no draft.')
          : StudioError.fromWire(outcome.error);
      }
      setSong(songFromDraft(parsed.data, song));
      setDrafted(true);
      setMode('custom');
    } catch (error) {
      showError(error, t('gen.draft'));
    } finally {
      setDrafting(false);
    }
  };

  const generate = () => {
    form.submit({
      kind: 'generate',
      ...songParams(song),
      at,
      target: target === '' ? { newTrack: {} } : { trackId: target },
      settings: {
        ...settingsOf(form.settings),
        ...(reference === null ? {} : { reference: reference.ref }),
      },
    });
  };

  return (
    <WorkflowFormShell tab="generate" task="text2music" form={form} onSubmit={generate}>
      <SegmentedChoice
        label={t('gen.mode')}
        labelAsText
        value={mode}
        labels={{ simple: t('gen.simple'), custom: t('gen.custom') }}
        onChange={setMode}
      />
      {mode === 'simple' ? (
        <>
          <ModelNeed task="plan" />
          <CountedText
            label={t('gen.query')}
            value={query}
            max={CAPTION_MAX_CHARS}
            placeholder={t('gen.queryPlaceholder')}
            onChange={setQuery}
          />
          <button type="button" className="button" disabled={drafting} onClick={() => void draft()}>
            {drafting ? t('gen.drafting') : t('gen.draft')}
          </button>
        </>
      ) : (
        <>
          {drafted ? <p className="wf-hint">{t('gen.drafted')}</p> : null}
          <SongFieldsView value={song} onChange={setSong} />
          <SettingsFieldsView value={form.settings} onChange={form.setSettings} thinking />
          <ReferencePicker
            projectId={props.snapshot.projectId}
            value={reference}
            onChange={setReference}
            selectedClip={props.selectedClip}
          />
          <SelectField
            label={t('gen.target')}
            value={target}
            options={[
              ['', t('gen.newTrack')],
              ...state.tracks.map((track) => [track.id, track.name] as const),
            ]}
            onChange={setTarget}
            hint={t('gen.at', { position: formatBarsBeats(at, state.meta.timeSignature) })}
          />
          <StartButton form={form} label={t('gen.start')} />
        </>
      )}
    </WorkflowFormShell>
  );
}
