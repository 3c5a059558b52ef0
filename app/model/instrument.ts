/** Track instruments: ACE-Step's 12 track classes (the model's vocabulary) or a custom label. */
import { z } from 'zod';

/** ACE-Step 1.5 TRACK_NAMES, in the model's order (spec §3.5). */
export const ACE_TRACK_CLASSES = [
  'woodwinds',
  'brass',
  'fx',
  'synth',
  'strings',
  'percussion',
  'keyboard',
  'guitar',
  'bass',
  'drums',
  'backing_vocals',
  'vocals',
] as const;

export const AceTrackClass = z.enum(ACE_TRACK_CLASSES);
export type AceTrackClass = z.infer<typeof AceTrackClass>;

export const Instrument = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ace'), trackClass: AceTrackClass }),
  z.object({
    kind: z.literal('custom'),
    label: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[^\p{Cc}]*$/u),
  }),
]);
export type Instrument = z.infer<typeof Instrument>;

const LABELS: Record<AceTrackClass, string> = {
  woodwinds: 'Woodwinds',
  brass: 'Brass',
  fx: 'FX',
  synth: 'Synth',
  strings: 'Strings',
  percussion: 'Percussion',
  keyboard: 'Keyboard',
  guitar: 'Guitar',
  bass: 'Bass',
  drums: 'Drums',
  backing_vocals: 'Backing vocals',
  vocals: 'Vocals',
};

export function instrumentLabel(instrument: Instrument): string {
  return instrument.kind === 'ace' ? LABELS[instrument.trackClass] : instrument.label;
}
