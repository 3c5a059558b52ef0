/**
 * Small controls the workflow forms are built from: a labelled checkbox, a field's label
 * frame, a segmented choice (a radio group of buttons), a menu and a number field.
 */
import { type ChangeEvent, type ReactNode, useId } from 'react';

export function CheckField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const toggle = (event: ChangeEvent<HTMLInputElement>) => {
    props.onChange(event.currentTarget.checked);
  };
  return (
    <label className="check-field">
      <input type="checkbox" checked={props.checked} onChange={toggle} />
      {props.label}
    </label>
  );
}

/** A field's frame: its label, tied to the control `children` renders with the given id. */
export function LabelledField(props: {
  label: string;
  children: (id: string) => ReactNode;
  /** The frame's class: 'field' unless given. */
  className?: string | undefined;
}) {
  const id = useId();
  return (
    <div className={props.className ?? 'field'}>
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      {props.children(id)}
    </div>
  );
}

/** The set with `item` in it when `on`, without it otherwise (a new set). */
export function toggled<T>(set: ReadonlySet<T>, item: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) {
    next.add(item);
  } else {
    next.delete(item);
  }
  return next;
}

/** One of a few values as a row of radio buttons, in the order `labels` names them. */
export function SegmentedChoice<V extends string>(props: {
  label: string;
  /** Name the group by a visually hidden text (aria-labelledby) instead of aria-label. */
  labelAsText?: boolean;
  value: V;
  labels: Record<V, string>;
  onChange: (value: V) => void;
}) {
  const labelId = useId();
  const named = props.labelAsText === true;
  const options = Object.keys(props.labels) as V[];
  return (
    <div
      className="segmented"
      role="radiogroup"
      aria-label={named ? undefined : props.label}
      aria-labelledby={named ? labelId : undefined}
    >
      {named ? (
        <span id={labelId} className="visually-hidden">
          {props.label}
        </span>
      ) : null}
      {options.map((value) => (
        <button
          key={value}
          type="button"
          role="radio"
          aria-checked={props.value === value}
          className={`segment${props.value === value ? ' is-on' : ''}`}
          onClick={() => {
            props.onChange(value);
          }}
        >
          {props.labels[value]}
        </button>
      ))}
    </div>
  );
}

/** A menu of values with their labels, and an optional hint under it. */
export function SelectField<V extends string>(props: {
  label: string;
  value: V;
  /** [value, label] pairs in menu order. */
  options: readonly (readonly [V, string])[];
  onChange: (value: V) => void;
  /** The frame's class: 'field' unless given. */
  className?: string;
  hint?: ReactNode;
}) {
  const pick = (event: ChangeEvent<HTMLSelectElement>) => {
    props.onChange(event.currentTarget.value as V);
  };
  return (
    <LabelledField label={props.label} className={props.className}>
      {(id) => (
        <>
          <select id={id} className="input" value={props.value} onChange={pick}>
            {props.options.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {props.hint === undefined ? null : <p className="wf-hint">{props.hint}</p>}
        </>
      )}
    </LabelledField>
  );
}

/** A narrow number input with its label; the value stays a string ('' = auto). */
export function NumberField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  min?: number;
  max?: number;
  /** 'any' unless given; whole-number fields pass 1. */
  step?: number;
  /** Offer the decimal keypad (the sampler's fields); off for whole seconds or BPM. */
  decimal?: boolean;
}) {
  return (
    <LabelledField label={props.label} className="field wf-small-field">
      {(id) => (
        <input
          id={id}
          className="input input-narrow"
          type="number"
          inputMode={props.decimal === false ? undefined : 'decimal'}
          min={props.min}
          max={props.max}
          step={props.step ?? 'any'}
          value={props.value}
          placeholder={props.placeholder}
          onChange={(event) => {
            props.onChange(event.currentTarget.value);
          }}
        />
      )}
    </LabelledField>
  );
}
