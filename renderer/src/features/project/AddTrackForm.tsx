/** "Add track": pick an instrument class, get a new track at the end of the list. */
import { type SubmitEvent, useState } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import type { AceTrackClass } from '../../../../app/model/instrument.ts';
import type { Track } from '../../../../app/model/project.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { IconPlus } from '../../ui/icons.tsx';
import { InstrumentOptions } from './InstrumentField.tsx';
import { newTrack } from './new-track.ts';

export function AddTrackForm(props: {
  tracks: readonly Track[];
  onEdit: (edits: EditOp[]) => void;
}) {
  const t = useT();
  const [trackClass, setTrackClass] = useState<AceTrackClass>('vocals');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const track = newTrack({ kind: 'ace', trackClass }, props.tracks);
    props.onEdit([{ op: 'track.add', track, index: props.tracks.length }]);
  };
  return (
    <form className="add-track" onSubmit={submit}>
      <select
        className="input"
        aria-label={t('track.newInstrument')}
        value={trackClass}
        onChange={(event) => {
          setTrackClass(event.target.value as AceTrackClass);
        }}
      >
        <InstrumentOptions />
      </select>
      <button type="submit" className="button button-primary">
        <IconPlus />
        {t('track.add')}
      </button>
    </form>
  );
}
