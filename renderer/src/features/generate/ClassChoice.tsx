/** A set of ACE-Step track classes as checkboxes, in the model's order. */
import type { AceTrackClass } from '../../../../app/model/instrument.ts';
import { instrumentName } from '../project/instrument-name.ts';

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
        <label key={trackClass} className="check-field">
          <input
            type="checkbox"
            checked={chosen.has(trackClass)}
            onChange={(event) => {
              const next = new Set(chosen);
              if (event.currentTarget.checked) {
                next.add(trackClass);
              } else {
                next.delete(trackClass);
              }
              props.onChange(props.options.filter((option) => next.has(option)));
            }}
          />
          {instrumentName({ kind: 'ace', trackClass })}
        </label>
      ))}
    </fieldset>
  );
}
