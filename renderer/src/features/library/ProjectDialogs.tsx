/** Rename and delete confirmations for a library project. */
import { useQueryClient } from '@tanstack/react-query';
import { type SubmitEvent, useId, useState } from 'react';

import type { ProjectSummary } from '../../../../app/model/project.ts';
import { useStudioMutation } from '../../client/hooks.ts';
import { methodKey } from '../../client/query-keys.ts';
import { describeError, issueFor } from '../../errors/error-text.ts';
import { Dialog, FieldError } from '../../ui/Dialog.tsx';
import { useToasts } from '../../ui/Toasts.tsx';

export function RenameProjectDialog(props: { project: ProjectSummary; onClose: () => void }) {
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
      : (issueFor(failure.issues, 'name') ?? `${failure.title}: ${failure.detail}`);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    rename.mutate({ projectId: props.project.projectId, name });
  };
  return (
    <Dialog title="Rename project" onClose={props.onClose} className="dialog-narrow">
      <form className="form" onSubmit={submit} noValidate>
        <label className="field">
          <span className="field-label">Name</span>
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
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={rename.isPending}>
            Rename
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteProjectDialog(props: { project: ProjectSummary; onClose: () => void }) {
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const { name } = props.project;
  const remove = useStudioMutation('project.delete', {
    onSuccess: ({ trash }) => {
      void queryClient.invalidateQueries({ queryKey: methodKey('project.list') });
      toasts.push({
        tone: 'success',
        title: `Moved “${name}” to trash`,
        detail:
          trash === 'system'
            ? 'You can restore it from your system trash.'
            : 'It is in the trash folder inside the studio’s data folder.',
      });
      props.onClose();
    },
  });
  const failure = remove.error === null ? null : describeError(remove.error);
  return (
    <Dialog title={`Delete “${name}”?`} onClose={props.onClose} className="dialog-narrow">
      <div className="form">
        <p>
          The project and its audio will be moved to the trash. Nothing is erased: you can restore
          it from there.
        </p>
        {failure === null ? null : (
          <p className="form-error" role="alert">
            {failure.title}: {failure.detail}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={props.onClose} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={remove.isPending}
            onClick={() => {
              remove.mutate({ projectId: props.project.projectId });
            }}
          >
            Move to trash
          </button>
        </div>
      </div>
    </Dialog>
  );
}
