/**
 * Pieces every workflow form shares: a text area that counts toward its limit, the model and
 * sampler fields, the notice that a task needs a model that is not installed (with a one-click
 * install), and the status of the run the form started.
 */

import type { ModelsOverview } from '../../../../app/contract/models.ts';
import { StudioError } from '../../../../app/errors.ts';
import { MAX_BATCH } from '../../../../app/generation/request.ts';
import { useStudioQuery } from '../../client/hooks.ts';
import { describeError } from '../../errors/error-text.ts';
import { jobLabel } from '../../i18n/app-messages.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { percent, phaseLabel } from '../jobs/job-format.ts';
import { useModelActions } from '../models/use-model-actions.ts';
import { CheckField, LabelledField, NumberField, SelectField } from './form-fields.tsx';
import { counter, type SettingsFields } from './form-model.ts';
import type { WorkflowRun } from './use-workflow-run.ts';

export function CountedText(props: {
  label: string;
  value: string;
  max: number;
  onChange: (value: string) => void;
  placeholder?: string;
  rows?: number;
  hint?: string;
}) {
  const t = useT();
  const { count, over } = counter(props.value, props.max);
  return (
    <LabelledField label={props.label}>
      {(id) => (
        <>
          <textarea
            id={id}
            className="input wf-text"
            rows={props.rows ?? 3}
            value={props.value}
            placeholder={props.placeholder}
            aria-invalid={over}
            aria-describedby={`${id}-count`}
            onChange={(event) => {
              props.onChange(event.currentTarget.value);
            }}
          />
          <p id={`${id}-count`} className={`wf-count${over ? ' is-over' : ''}`} aria-live="polite">
            {over
              ? t('gen.tooLong', { max: props.max })
              : t('gen.count', { count, max: props.max })}
            {props.hint === undefined ? null : <span className="wf-hint"> · {props.hint}</span>}
          </p>
        </>
      )}
    </LabelledField>
  );
}

/** The installed DiT models, for the model menu. */
export function installedDits(overview: ModelsOverview | undefined): string[] {
  return (overview?.components ?? [])
    .filter((component) => component.kind === 'dit' && component.state === 'installed')
    .map((component) => component.id);
}

export function SettingsFieldsView(props: {
  value: SettingsFields;
  onChange: (value: SettingsFields) => void;
  /** Offer "takes (batch)" (not for multi-pass workflows). */
  batch?: boolean;
  /** Offer thinking (the LM plans first). */
  thinking?: boolean;
}) {
  const t = useT();
  const overview = useStudioQuery('models.overview', {});
  const dits = installedDits(overview.data);
  const { value } = props;
  const set = (patch: Partial<SettingsFields>) => {
    props.onChange({ ...value, ...patch });
  };
  const turbo = value.modelId === '' || value.modelId.startsWith('dit-turbo');
  return (
    <>
      {props.thinking === true ? (
        <CheckField
          label={t('gen.thinking')}
          checked={value.thinking}
          onChange={(thinking) => {
            set({ thinking });
          }}
        />
      ) : null}
      <SelectField
        label={t('gen.model')}
        value={value.modelId}
        options={[['', t('gen.modelAuto')], ...dits.map((id) => [id, id] as const)]}
        onChange={(modelId) => {
          set({ modelId });
        }}
      />
      <details className="wf-advanced">
        <summary>{t('gen.advanced')}</summary>
        <p className="wf-hint">
          {t('gen.presetHint', { preset: t(turbo ? 'gen.presetTurbo' : 'gen.presetGuided') })}
        </p>
        <div className="wf-grid">
          <NumberField
            label={t('gen.steps')}
            value={value.steps}
            placeholder={turbo ? '8' : '50'}
            min={1}
            max={200}
            step={1}
            onChange={(steps) => {
              set({ steps });
            }}
          />
          <NumberField
            label={t('gen.shift')}
            value={value.shift}
            placeholder="3"
            min={1}
            max={5}
            onChange={(shift) => {
              set({ shift });
            }}
          />
          <NumberField
            label={t('gen.guidance')}
            value={value.guidance}
            placeholder={turbo ? '1' : '7'}
            min={1}
            max={20}
            onChange={(guidance) => {
              set({ guidance });
            }}
          />
          <NumberField
            label={t('gen.seed')}
            value={value.seed}
            placeholder={t('gen.seedRandom')}
            min={0}
            step={1}
            onChange={(seed) => {
              set({ seed });
            }}
          />
          {props.batch === false ? null : (
            <NumberField
              label={t('gen.batch')}
              value={String(value.batch)}
              placeholder="1"
              min={1}
              max={MAX_BATCH}
              step={1}
              onChange={(batch) => {
                set({ batch: Math.min(MAX_BATCH, Math.max(1, Number(batch) || 1)) });
              }}
            />
          )}
        </div>
      </details>
    </>
  );
}

/**
 * Says what a task still needs (models.overview's task list) and installs it in one click;
 * renders nothing when the task is ready.
 */
export function ModelNeed(props: { task: string }) {
  const t = useT();
  const overview = useStudioQuery('models.overview', {});
  const actions = useModelActions();
  const task = overview.data?.tasks.find((candidate) => candidate.id === props.task);
  const ready = task === undefined || task.ready;
  const report = useStudioQuery('models.recommend', {}, { enabled: !ready });
  if (ready) {
    return null;
  }
  const precision = report.data?.recommendation.precision ?? 'fp32';
  const components = new Map(overview.data?.components.map((c) => [c.id, c]));
  const installing = task.missing.some((id) => components.get(id)?.state === 'installing');
  const installable = task.missing.filter((id) => components.get(id)?.state !== 'installing');
  return (
    <div className="wf-need" role="status" data-testid="model-need">
      <p>{t('wf.needsModel', { task: task.title, models: task.missing.join(', ') })}</p>
      {installing ? (
        <p className="wf-hint">{t('wf.installing')}</p>
      ) : (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            for (const id of installable) {
              actions.install(id, precision, components.get(id)?.title ?? id);
            }
          }}
        >
          {t('wf.install')}
        </button>
      )}
    </div>
  );
}

/** The run a form started: progress and Cancel, then the outcome with Retry or Show. */
export function RunStatus(props: { run: WorkflowRun }) {
  const t = useT();
  const { state } = props.run;
  if (state.status === 'idle' || state.status === 'starting') {
    return null;
  }
  const label = jobLabel(state.label);
  if (state.status === 'running') {
    const done = percent(state.progress?.overall ?? 0);
    const phase = state.progress === null ? '' : phaseLabel(state.progress.phase);
    const pass =
      state.progress?.phase === 'diffuse' &&
      state.progress.totalSteps !== undefined &&
      state.progress.step !== undefined &&
      state.progress.totalSteps > 1
        ? ` · ${t('jobs.pass', { n: state.progress.step, count: state.progress.totalSteps })}`
        : '';
    return (
      <div className="wf-run" role="status" data-testid="run-status">
        <p>{t('wf.running', { label })}</p>
        <div
          className="progress"
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={done}
        >
          <div className="progress-fill" style={{ width: `${done}%` }} />
        </div>
        <p className="job-meta">
          {phase} · {done}%{pass}
        </p>
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={props.run.cancel}
        >
          {t('wf.cancel')}
        </button>
      </div>
    );
  }
  if (state.status === 'succeeded') {
    return (
      <div className="wf-run is-done" role="status" data-testid="run-status">
        <p>{t('wf.done', { label })}</p>
        <p className="job-meta">{t('wf.placed', { count: state.result.clipIds.length })}</p>
        {state.result.notes.map((note) => (
          <p key={note} className="wf-hint">
            {note}
          </p>
        ))}
        <button type="button" className="button button-small" onClick={props.run.show}>
          {t('wf.showResult')}
        </button>
      </div>
    );
  }
  const error = state.error === null ? null : describeError(StudioError.fromWire(state.error));
  return (
    <div className="wf-run is-failed" role="status" data-testid="run-status">
      <p>{t(state.status === 'cancelled' ? 'wf.cancelled' : 'wf.failed', { label })}</p>
      {error === null ? null : (
        <p className="job-meta job-error">
          {error.title}: {error.detail}
        </p>
      )}
      <button type="button" className="button button-small" onClick={props.run.retry}>
        {t('wf.retry')}
      </button>
    </div>
  );
}
