/**
 * The selected clip's takes and versions: each playable at matched loudness, one click to make
 * another the clip's audio (one undo step), regenerate with the same settings (new takes) and
 * "what made this" (the lineage: request, seeds, models, parent).
 */
import { useEffect, useRef, useState } from 'react';

import type { MediaHash } from '../../../../app/model/ids.ts';
import { activeTakeIndex, chooseTake, takesOf } from '../../../../app/model/takes.ts';
import { mediaUrls } from '../../client/media-urls.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useHost } from '../../shell/host-context.ts';
import { LineageDialog } from './LineageDialog.tsx';
import { RunStatus } from './panel-parts.tsx';
import { matchedGains } from './take-compare.ts';
import { useWorkflowRun } from './use-workflow-run.ts';
import type { WorkflowFormProps } from './workflow-form-props.ts';

export function TakesPanel(props: WorkflowFormProps) {
  const t = useT();
  const { host } = useHost();
  const run = useWorkflowRun(props.snapshot.projectId);
  const audio = useRef<HTMLAudioElement | null>(null);
  const [playing, setPlaying] = useState<MediaHash | null>(null);
  const [lineageOpen, setLineageOpen] = useState(false);
  const clip = props.selectedClip;
  useEffect(
    () => () => {
      audio.current?.pause();
    },
    [],
  );
  if (clip === null) {
    return (
      <p className="wf-hint" role="status">
        {t('wf.needsClip')}
      </p>
    );
  }
  const { state } = props.snapshot;
  const takes = takesOf(state, clip.id);
  const active = activeTakeIndex(state, clip.id);
  const gains = matchedGains(takes);
  const urls = mediaUrls(host);
  const play = (hash: MediaHash, gain: number) => {
    audio.current?.pause();
    if (playing === hash) {
      setPlaying(null);
      return;
    }
    const element = new Audio(urls.audio(hash));
    element.volume = gain;
    element.onended = () => {
      setPlaying(null);
    };
    audio.current = element;
    setPlaying(hash);
    element.play().catch(() => {
      setPlaying(null);
    });
  };
  return (
    <section className="wf-form" aria-label={t('takes.title', { name: clip.name })}>
      <h3 className="section-label">{t('takes.title', { name: clip.name })}</h3>
      {takes.length === 0 ? (
        <p className="wf-hint">{t('takes.none')}</p>
      ) : (
        <>
          <p className="wf-hint">{t('takes.matched')}</p>
          <ol className="wf-takes" data-testid="takes">
            {takes.map((take, index) => (
              <li
                key={take.mediaHash}
                className={`wf-take${index === active ? ' is-active' : ''}`}
                data-testid="take"
              >
                <span className="wf-take-label">{take.label}</span>
                <span className="job-meta">
                  {take.loudnessLufs === null
                    ? ''
                    : t('takes.loudness', { lufs: take.loudnessLufs.toFixed(1) })}
                </span>
                <button
                  type="button"
                  className="button button-small button-ghost"
                  aria-pressed={playing === take.mediaHash}
                  aria-label={t(playing === take.mediaHash ? 'takes.stop' : 'takes.play', {
                    label: take.label,
                  })}
                  onClick={() => {
                    play(take.mediaHash, gains[index] ?? 1);
                  }}
                >
                  {playing === take.mediaHash ? '■' : '▶'}
                </button>
                {index === active ? (
                  <span className="chip chip-succeeded">{t('takes.active')}</span>
                ) : (
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={t('takes.use', { label: take.label })}
                    onClick={() => {
                      props.onEdit(chooseTake(state, clip.id, index));
                    }}
                  >
                    {t('takes.useShort')}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      <div className="wf-actions">
        <button
          type="button"
          className="button button-small"
          disabled={run.state.status === 'running'}
          onClick={() => {
            run.regenerate(clip.id);
          }}
        >
          {t('takes.regenerate')}
        </button>
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => {
            setLineageOpen(true);
          }}
        >
          {t('takes.lineage')}
        </button>
      </div>
      <RunStatus run={run} />
      {lineageOpen ? (
        <LineageDialog
          projectId={props.snapshot.projectId}
          clip={clip}
          onClose={() => {
            setLineageOpen(false);
          }}
        />
      ) : null}
    </section>
  );
}
