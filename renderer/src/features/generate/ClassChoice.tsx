/** A set of ACE-Step track classes as checkboxes, in the model's order. */
import type { AceTrackClass } from '../../../../app/model/instrument.ts';
import { instrumentName } from '../project/instrument-name.ts';
import { CheckField, toggled } from './form-fields.tsx';

export function ClassChoice(props: {
  legend: string;
  options: readonly AceTrackClass[];
  value: readonly AceTrackClass[];
  onChange: (value: AceTrackClass[]) => void;
}) {
  const chosen = new Set(props.value);
  return (
    <fieldset className="wf-fieldset wf-classes">
      <legend className="field-label">{props.legend}</legend>
      {props.options.map((trackClass) => (
        <CheckField
          key={trackClass}
          label={instrumentName({ kind: 'ace', trackClass })}
          checked={chosen.has(trackClass)}
          onChange={(on) => {
            const next = toggled(chosen, trackClass, on);
            props.onChange(props.options.filter((option) => next.has(option)));
          }}
        />
      ))}
    </fieldset>
  );
}
