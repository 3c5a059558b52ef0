/** The track's instrument: one of ACE-Step's 12 track classes, or a custom label. */
import { useState } from 'react';

import {
  ACE_TRACK_CLASSES,
  type AceTrackClass,
  type Instrument,
} from '../../../../app/model/instrument.ts';
import { tr } from '../../i18n/active.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { CommitInput } from '../../ui/CommitInput.tsx';
import { instrumentName } from './instrument-name.ts';

const CUSTOM = 'custom';

function optionValue(instrument: Instrument): string {
  return instrument.kind === 'ace' ? instrument.trackClass : CUSTOM;
}

const validLabel = (text: string) => {
  const trimmed = text.trim();
  return trimmed === '' || trimmed.length > 40 ? tr('instrument.labelInvalid') : undefined;
};

export function InstrumentOptions() {
  return (
    <>
      {ACE_TRACK_CLASSES.map((trackClass) => (
        <option key={trackClass} value={trackClass}>
          {instrumentName({ kind: 'ace', trackClass })}
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
  const t = useT();
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
        <option value={CUSTOM}>{t('instrument.custom')}</option>
      </select>
      {custom ? (
        <CommitInput
          className="input-narrow"
          label={t('instrument.customLabel', { label: props.label })}
          placeholder={t('instrument.placeholder')}
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
