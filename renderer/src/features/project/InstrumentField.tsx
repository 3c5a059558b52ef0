/** The track's instrument: one of ACE-Step's 12 track classes, or a custom label. */
import { useState } from 'react';

import {
  ACE_TRACK_CLASSES,
  type AceTrackClass,
  type Instrument,
  instrumentLabel,
} from '../../../../app/model/instrument.ts';
import { CommitInput } from '../../ui/CommitInput.tsx';

const CUSTOM = 'custom';

function optionValue(instrument: Instrument): string {
  return instrument.kind === 'ace' ? instrument.trackClass : CUSTOM;
}

const validLabel = (text: string) => {
  const trimmed = text.trim();
  return trimmed === '' || trimmed.length > 40 ? 'A label has 1 to 40 characters.' : undefined;
};

export function InstrumentOptions() {
  return (
    <>
      {ACE_TRACK_CLASSES.map((trackClass) => (
        <option key={trackClass} value={trackClass}>
          {instrumentLabel({ kind: 'ace', trackClass })}
        </option>
      ))}
    </>
  );
}

export function InstrumentField(props: {
  instrument: Instrument;
  label: string;
  onChange: (instrument: Instrument) => void;
}) {
  const { instrument, onChange } = props;
  // "Custom" chosen but no label committed yet: the track keeps its instrument meanwhile.
  const [customPending, setCustomPending] = useState(false);
  const custom = customPending || instrument.kind === 'custom';
  return (
    <span className="instrument-field">
      <select
        className="input"
        aria-label={props.label}
        value={custom ? CUSTOM : optionValue(instrument)}
        onChange={(event) => {
          const value = event.target.value;
          if (value === CUSTOM) {
            setCustomPending(true);
          } else {
            setCustomPending(false);
            onChange({ kind: 'ace', trackClass: value as AceTrackClass });
          }
        }}
      >
        <InstrumentOptions />
        <option value={CUSTOM}>Custom…</option>
      </select>
      {custom ? (
        <CommitInput
          className="input-narrow"
          label={`${props.label}: custom label`}
          placeholder="e.g. Choir"
          maxLength={40}
          value={instrument.kind === 'custom' ? instrument.label : ''}
          validate={validLabel}
          onCommit={(text) => {
            setCustomPending(false);
            onChange({ kind: 'custom', label: text.trim() });
          }}
        />
      ) : null}
    </span>
  );
}
