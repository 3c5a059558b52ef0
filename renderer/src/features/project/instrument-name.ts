/** Instruments as the interface names them: ACE-Step's classes in the active language. */
import type { Instrument } from '../../../../app/model/instrument.ts';
import { tr } from '../../i18n/active.ts';

export function instrumentName(instrument: Instrument): string {
  return instrument.kind === 'ace' ? tr(`class.${instrument.trackClass}`) : instrument.label;
}
