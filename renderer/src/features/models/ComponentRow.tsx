/** One component: what it is, its size and licence, its state, progress and actions. */
import { useState } from 'react';

import type { JobState } from '../../../../app/contract/jobs.ts';
import type { ModelComponentView, ModelPrecision } from '../../../../app/contract/models.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { formatBytes, formatEta, percent } from '../jobs/job-format.ts';
import { formatSpeed, formatTransfer, kindWord, stateWord } from './model-format.ts';
import type { ModelActions } from './use-model-actions.ts';

function Progress(props: { component: ModelComponentView; job: JobState | undefined }) {
  const t = useT();
  const progress = props.job?.progress;
  const done = progress?.bytesDone ?? props.component.bytesOnDisk;
  const total = progress?.bytesTotal ?? props.component.bytesTotal;
  const fraction = total === null || total === 0 ? 0 : done / total;
  const speed = formatSpeed(progress?.bytesPerSecond);
  const eta = formatEta(progress?.etaMs);
  const label = t('models.downloadOf', { name: props.component.title });
  return (
    <div className="model-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent(fraction)}
      >
        <div className="progress-fill" style={{ width: `${percent(fraction)}%` }} />
      </div>
      <p className="job-meta">
        {formatTransfer(done, total)}
        {speed === null ? '' : ` · ${speed}`}
        {eta === null ? '' : ` · ${eta}`}
      </p>
    </div>
  );
}

function Actions(props: {
  component: ModelComponentView;
  precision: ModelPrecision;
  actions: ModelActions;
}) {
  const t = useT();
  const { component: c, actions, precision } = props;
  const button = (label: string, onClick: () => void, tone = '') => (
    <button
      type="button"
      className={`button button-small${tone}`}
      aria-label={t('models.actionOn', { verb: label, name: c.title })}
      onClick={onClick}
    >
      {label}
    </button>
  );
  switch (c.state) {
    case 'installing':
      return (
        <>
          {button(t('models.pause'), () => {
            actions.pause(c.id);
          })}
          {c.jobId === null
            ? null
            : button(
                t('app.cancel'),
                () => {
                  if (c.jobId !== null) {
                    actions.cancel(c.jobId);
                  }
                },
                ' button-ghost',
              )}
        </>
      );
    case 'paused':
      return (
        <>
          {button(
            t('models.resume'),
            () => {
              actions.install(c.id, c.precision ?? precision, c.title);
            },
            ' button-primary',
          )}
          {button(t('models.discard'), () => {
            actions.remove(c.id, c.title);
          })}
        </>
      );
    case 'installed':
    case 'corrupt':
      return (
        <>
          {button(t('models.verify'), () => {
            actions.verify(c.id);
          })}
          {c.state === 'corrupt'
            ? button(t('models.reinstall'), () => {
                actions.install(c.id, c.precision ?? precision, c.title);
              })
            : null}
          {button(
            t('models.remove'),
            () => {
              actions.remove(c.id, c.title);
            },
            ' button-danger',
          )}
        </>
      );
    case 'available':
      return button(
        t('models.install'),
        () => {
          actions.install(c.id, precision, c.title);
        },
        ' button-primary',
      );
  }
}

export function ComponentRow(props: {
  component: ModelComponentView;
  job: JobState | undefined;
  recommended: ModelPrecision;
  recommendedHere: boolean;
  actions: ModelActions;
}) {
  const { component: c } = props;
  const t = useT();
  const [precision, setPrecision] = useState<ModelPrecision>(c.precision ?? props.recommended);
  const busy = c.state === 'installing' || c.state === 'paused';
  return (
    <li className={`model-row model-${c.state}`} data-testid="model-row" data-component={c.id}>
      <div className="model-main">
        <div className="model-title">
          <span className="model-name">{c.title}</span>
          <span className="chip">{kindWord(c.kind)}</span>
          {props.recommendedHere ? (
            <span className="chip chip-succeeded">{t('models.recommended')}</span>
          ) : null}
        </div>
        <p className="model-summary">{c.summary}</p>
        <p className="model-facts">
          {t('models.facts', {
            size: formatBytes(c.sizes[precision]),
            precision,
            gb: c.vramGb[precision],
            licence: c.licence,
            upstream: c.upstream,
          })}
        </p>
        {c.problem === null ? null : (
          <p className="job-meta job-error" role="alert">
            {c.problem}
          </p>
        )}
        {busy ? <Progress component={c} job={props.job} /> : null}
      </div>
      <div className="model-side">
        <span className={`model-state state-${c.state}`}>
          {stateWord(c.state)}
          {c.precision === null ? '' : ` · ${c.precision}`}
        </span>
        <div className="model-actions">
          {c.state === 'available' ? (
            <label>
              <span className="visually-hidden">{t('models.precisionOf', { name: c.title })}</span>
              <select
                className="input model-precision"
                value={precision}
                onChange={(event) => {
                  setPrecision(event.target.value as ModelPrecision);
                }}
              >
                <option value="fp16">fp16</option>
                <option value="fp32">fp32</option>
              </select>
            </label>
          ) : null}
          <Actions component={c} precision={precision} actions={props.actions} />
        </div>
      </div>
    </li>
  );
}
