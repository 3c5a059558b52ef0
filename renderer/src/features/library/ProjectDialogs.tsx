/** Rename and delete confirmations for a library project. */
import { useQueryClient } from '@tanstack/react-query';
import { type SubmitEvent, useId, useState } from 'react';

import type { ProjectSummary } from '../../../../app/model/project.ts';
import { useStudioMutation } from '../../client/hooks.ts';
import { methodKey } from '../../client/query-keys.ts';
import { describeError, issueFor } from '../../errors/error-text.ts';
import { appMessage } from '../../i18n/app-messages.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { Dialog, FieldError } from '../../ui/Dialog.tsx';
import { useToasts } from '../../ui/Toasts.tsx';

export function RenameProjectDialog(props: { project: ProjectSummary; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState(props.project.name);
  const rename = useStudioMutation('project.rename', {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: methodKey('project.list') });
      void queryClient.invalidateQueries({ queryKey: methodKey('project.get') });
      props.onClose();
    },
  });
  const failure = rename.error === null ? null : describeError(rename.error);
  const message =
    failure === null
      ? undefined
      : (appMessage(issueFor(failure.issues, 'name')) ?? `${failure.title}: ${failure.detail}`);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    rename.mutate({ projectId: props.project.projectId, name });
  };
  return (
    <Dialog title={t('dialog.renameProject')} onClose={props.onClose} className="dialog-narrow">
      <form className="form" onSubmit={submit} noValidate>
        <label className="field">
          <span className="field-label">{t('dialog.name')}</span>
          <input
            className="input"
            value={name}
            autoFocus
            maxLength={120}
            aria-invalid={message === undefined ? undefined : true}
            aria-describedby={message === undefined ? undefined : `${id}-error`}
            onChange={(event) => {
              setName(event.target.value);
            }}
          />
          <FieldError id={`${id}-error`} message={message} />
        </label>
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={props.onClose}>
            {t('app.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={rename.isPending}>
            {t('dialog.rename')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteProjectDialog(props: { project: ProjectSummary; onClose: () => void }) {
  const t = useT();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const { name } = props.project;
  const remove = useStudioMutation('project.delete', {
    onSuccess: ({ trash }) => {
      void queryClient.invalidateQueries({ queryKey: methodKey('project.list') });
      toasts.push({
        tone: 'success',
        title: t('dialog.movedToTrash', { name }),
        detail: trash === 'system' ? t('dialog.restoreSystem') : t('dialog.restoreFolder'),
      });
      props.onClose();
    },
  });
  const failure = remove.error === null ? null : describeError(remove.error);
  return (
    <Dialog
      title={t('dialog.deleteTitle', { name })}
      onClose={props.onClose}
      className="dialog-narrow"
    >
      <div className="form">
        <p>{t('dialog.deleteBody')}</p>
        {failure === null ? null : (
          <p className="form-error" role="alert">
            {failure.title}: {failure.detail}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={props.onClose} autoFocus>
            {t('app.cancel')}
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={remove.isPending}
            onClick={() => {
              remove.mutate({ projectId: props.project.projectId });
            }}
          >
            {t('dialog.moveToTrash')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
