/**
 * A text or number field that edits a draft and commits once: on Enter or when focus leaves.
 * Escape puts the current value back. An invalid draft stays, with its message, uncommitted.
 */
import { type InputHTMLAttributes, useId, useState } from 'react';

import { FieldError } from './Dialog.tsx';

type PassThrough = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'min' | 'max' | 'step' | 'maxLength' | 'inputMode' | 'placeholder'
>;

export function CommitInput(
  props: PassThrough & {
    value: string;
    label: string;
    onCommit: (value: string) => void;
    /** A message when `value` cannot be committed. */
    validate?: (value: string) => string | undefined;
    className?: string;
  },
) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const { value, label, onCommit, validate, className, ...inputProps } = props;
  const commit = () => {
    if (draft === null) {
      return;
    }
    if (draft === value) {
      setDraft(null);
      setError(undefined);
      return;
    }
    const problem = validate?.(draft);
    setError(problem);
    if (problem === undefined) {
      setDraft(null);
      onCommit(draft);
    }
  };
  return (
    <span className="commit-input">
      <input
        {...inputProps}
        className={`input ${className ?? ''}`}
        aria-label={label}
        aria-invalid={error === undefined ? undefined : true}
        aria-describedby={error === undefined ? undefined : `${id}-error`}
        value={draft ?? value}
        onChange={(event) => {
          setDraft(event.target.value);
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape') {
            setDraft(null);
            setError(undefined);
          }
        }}
      />
      <FieldError id={`${id}-error`} message={error} />
    </span>
  );
}
