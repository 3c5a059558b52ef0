/** New project: a name, and optionally tempo, time signature and key. */
import { type SubmitEvent, useId, useState } from 'react';

import type { Params } from '../../../../app/contract/methods.ts';
import { TONICS } from '../../../../app/model/project.ts';
import { useStudioMutation } from '../../client/hooks.ts';
import { describeError, issueFor } from '../../errors/error-text.ts';
import { appMessage } from '../../i18n/app-messages.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { navigate } from '../../routing/hash-route.ts';
import { Dialog, FieldError } from '../../ui/Dialog.tsx';

const DENOMINATORS = [1, 2, 4, 8, 16] as const;
type Denominator = (typeof DENOMINATORS)[number];
type Tonic = (typeof TONICS)[number];

export function CreateProjectDialog(props: { onClose: () => void }) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState('');
  const [tempo, setTempo] = useState('120');
  const [numerator, setNumerator] = useState('4');
  const [denominator, setDenominator] = useState<Denominator>(4);
  const [tonic, setTonic] = useState<Tonic | ''>('');
  const [mode, setMode] = useState<'major' | 'minor'>('major');
  const create = useStudioMutation('project.create', {
    onSuccess: (project) => {
      props.onClose();
      navigate({ screen: 'project', projectId: project.projectId });
    },
  });
  const failure = create.error === null ? null : describeError(create.error);
  const issues = failure?.issues ?? [];
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const params: Params<'project.create'> = {
      name,
      timeSignature: { numerator: Number(numerator), denominator },
      key: tonic === '' ? null : { tonic, mode },
    };
    if (tempo.trim() !== '') {
      params.tempo = Number(tempo);
    }
    create.mutate(params);
  };
  const fieldProps = (field: string) => {
    const message = issueFor(issues, field);
    return message === undefined
      ? {}
      : { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` };
  };
  return (
    <Dialog title={t('dialog.newProject')} onClose={props.onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <label className="field">
          <span className="field-label">{t('dialog.name')}</span>
          <input
            className="input"
            value={name}
            autoFocus
            maxLength={120}
            placeholder={t('dialog.namePlaceholder')}
            onChange={(event) => {
              setName(event.target.value);
            }}
            {...fieldProps('name')}
          />
          <FieldError id={`${id}-name-error`} message={appMessage(issueFor(issues, 'name'))} />
        </label>
        <div className="field-row">
          <label className="field">
            <span className="field-label">{t('dialog.tempo')}</span>
            <input
              className="input"
              type="number"
              min={20}
              max={400}
              step="any"
              value={tempo}
              onChange={(event) => {
                setTempo(event.target.value);
              }}
              {...fieldProps('tempo')}
            />
            <FieldError id={`${id}-tempo-error`} message={appMessage(issueFor(issues, 'tempo'))} />
          </label>
          <fieldset className="field">
            <legend className="field-label">{t('dialog.timeSignature')}</legend>
            <div className="inline-fields">
              <input
                className="input input-narrow"
                type="number"
                min={1}
                max={32}
                aria-label={t('dialog.beatsPerBar')}
                value={numerator}
                onChange={(event) => {
                  setNumerator(event.target.value);
                }}
                {...fieldProps('numerator')}
              />
              <span aria-hidden="true">/</span>
              <select
                className="input input-narrow"
                aria-label={t('dialog.beatUnit')}
                value={denominator}
                onChange={(event) => {
                  setDenominator(Number(event.target.value) as Denominator);
                }}
              >
                {DENOMINATORS.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </div>
            <FieldError
              id={`${id}-numerator-error`}
              message={appMessage(issueFor(issues, 'numerator'))}
            />
          </fieldset>
        </div>
        <fieldset className="field">
          <legend className="field-label">{t('dialog.key')}</legend>
          <div className="inline-fields">
            <select
              className="input"
              aria-label={t('dialog.keyTonic')}
              value={tonic}
              onChange={(event) => {
                setTonic(event.target.value as Tonic | '');
              }}
            >
              <option value="">{t('dialog.noKey')}</option>
              {TONICS.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
            <select
              className="input"
              aria-label={t('dialog.keyMode')}
              value={mode}
              disabled={tonic === ''}
              onChange={(event) => {
                setMode(event.target.value === 'minor' ? 'minor' : 'major');
              }}
            >
              <option value="major">{t('mode.major')}</option>
              <option value="minor">{t('mode.minor')}</option>
            </select>
          </div>
        </fieldset>
        {failure !== null && issues.length === 0 ? (
          <p className="form-error" role="alert">
            {failure.title}: {failure.detail}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={props.onClose}>
            {t('app.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? t('dialog.creating') : t('dialog.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
