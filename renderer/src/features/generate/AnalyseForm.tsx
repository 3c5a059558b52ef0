/**
 * Audio understanding of the selected clip (lm.understand): the LM's BPM, key, beats per bar,
 * caption and lyrics, to use in the song form or to set the project's tempo and key from.
 */
import { useState } from 'react';

import { StudioError } from '../../../../app/errors.ts';
import type { EditOp } from '../../../../app/model/edits.ts';
import { type MusicalKey, TONICS } from '../../../../app/model/project.ts';
import { SongDraft } from '../../../../app/model/song-draft.ts';
import { bpm } from '../../../../app/timeline/units.ts';
import { useStudioClient } from '../../client/studio-context.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useErrorToast } from '../../ui/Toasts.tsx';
import { followJob } from '../jobs/follow-job.ts';
import { EMPTY_SONG, songFromDraft } from './form-model.ts';
import { ModelNeed } from './panel-parts.tsx';
import type { WorkflowFormProps } from './workflow-form-props.ts';
import { useWorkflowPanel } from './workflow-panel-context.ts';

/** "F# minor" (or "F♯ minor") as the project's key, when the tonic is one it knows. */
export function projectKey(keyScale: string | null): MusicalKey | null {
  const match = /^([A-G][#b♯♭]?) (major|minor)$/.exec(keyScale ?? '');
  const tonic = match?.[1]?.replace('♯', '#').replace('♭', 'b');
  const known = (TONICS as readonly string[]).includes(tonic ?? '');
  return match === null || !known
    ? null
    : { tonic: tonic as MusicalKey['tonic'], mode: match[2] as MusicalKey['mode'] };
}

/** The project.setMeta edit that takes tempo, key and metre from an analysis. */
export function metaFromDraft(draft: SongDraft): EditOp[] {
  const key = projectKey(draft.keyScale);
  const patch = {
    ...(draft.bpm === null ? {} : { tempo: bpm(Math.min(400, Math.max(20, draft.bpm))) }),
    ...(key === null ? {} : { key }),
    ...(draft.timeSignature === null
      ? {}
      : { timeSignature: { numerator: draft.timeSignature, denominator: 4 as const } }),
  };
  return Object.keys(patch).length === 0 ? [] : [{ op: 'project.setMeta', patch }];
}

export function AnalyseForm(props: WorkflowFormProps) {
  const t = useT();
  const client = useStudioClient();
  const panel = useWorkflowPanel();
  const showError = useErrorToast();
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState<SongDraft | null>(null);
  const clip = props.selectedClip;
  const analyse = async () => {
    if (clip === null) {
      return;
    }
    setBusy(true);
    try {
      const { jobId } = await client.call('lm.understand', {
        projectId: props.snapshot.projectId,
        audioHash: clip.mediaHash,
      });
      const outcome = await followJob(client, jobId);
      const parsed = SongDraft.safeParse(outcome.result);
      if (!parsed.success) {
        throw outcome.error === null
          ? new StudioError('INTERNAL', 'The LM gave no answer.')
          : StudioError.fromWire(outcome.error);
      }
      setDraft(parsed.data);
    } catch (error) {
      showError(error, t('analyse.start'));
    } finally {
      setBusy(false);
    }
  };
  const rows: [string, string][] =
    draft === null
      ? []
      : [
          [t('gen.bpm'), draft.bpm === null ? '—' : String(draft.bpm)],
          [t('gen.key'), draft.keyScale ?? '—'],
          [
            t('gen.timeSignature'),
            draft.timeSignature === null ? '—' : String(draft.timeSignature),
          ],
          [t('gen.caption'), draft.caption === '' ? '—' : draft.caption],
        ];
  return (
    <section className="wf-form" aria-label={t('wf.tab.analyse')}>
      <ModelNeed task="plan" />
      {clip === null ? (
        <p className="wf-hint" role="status">
          {t('wf.needsClip')}
        </p>
      ) : (
        <p className="wf-hint">{t('wf.clip', { name: clip.name })}</p>
      )}
      <button
        type="button"
        className="button button-primary"
        disabled={clip === null || busy}
        onClick={() => void analyse()}
      >
        {t('analyse.start')}
      </button>
      {draft === null ? null : (
        <div className="wf-result" data-testid="analysis">
          <p className="field-label">{t('analyse.result')}</p>
          <dl className="wf-facts">
            {rows.map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <div className="wf-actions">
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                panel?.propose(songFromDraft(draft, EMPTY_SONG));
                panel?.open('generate');
              }}
            >
              {t('analyse.useInForm')}
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={metaFromDraft(draft).length === 0}
              onClick={() => {
                props.onEdit(metaFromDraft(draft));
              }}
            >
              {t('analyse.setProject')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
