/**
 * A clip's properties as fields: name, start (bar.beat.tick), length in beats, gain, fades.
 * Each commit is one edit through the same batches the mouse gestures use. Shown in the
 * inspector under the timeline and in every row of the list view's clip tables.
 */
import {
  moveClips,
  setClipFade,
  setClipGain,
  trimClipEnd,
} from '../../../../app/model/clip-edits.ts';
import { CLIP_EDIT_LABELS } from '../../../../app/model/edit-labels.ts';
import type { EditOp } from '../../../../app/model/edits.ts';
import {
  type Clip,
  ClipFields as ClipSchema,
  type ProjectState,
} from '../../../../app/model/project.ts';
import {
  formatBarsBeats,
  parseBarsBeats,
  ticksPerBeat,
} from '../../../../app/timeline/musical-time.ts';
import { samplesToSeconds, secondsToSamples } from '../../../../app/timeline/tempo.ts';
import { db, type SampleRate, samples, seconds, ticks } from '../../../../app/timeline/units.ts';
import { type Translate, useT } from '../../i18n/I18nProvider.tsx';
import { CommitInput } from '../../ui/CommitInput.tsx';

const number = (text: string): number | null => {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(value) ? null : value;
};

function validators(t: Translate, state: ProjectState) {
  const signature = state.meta.timeSignature;
  return {
    name: (text: string) => {
      const parsed = ClipSchema.shape.name.safeParse(text);
      return parsed.success ? undefined : t('field.nameInvalid');
    },
    start: (text: string) =>
      parseBarsBeats(text, signature) === null ? t('clipField.startInvalid') : undefined,
    beats: (text: string) => {
      const value = number(text);
      return value === null || value <= 0 ? t('clipField.lengthInvalid') : undefined;
    },
    gain: (text: string) => {
      const value = number(text);
      return value === null || value < -60 || value > 12 ? t('clipField.gainInvalid') : undefined;
    },
    fade: (text: string) => {
      const value = number(text);
      return value === null || value < 0 ? t('clipField.fadeInvalid') : undefined;
    },
  };
}

export function ClipFields(props: {
  clip: Clip;
  state: ProjectState;
  onEdit: (edits: EditOp[], label: string) => void;
}) {
  const t = useT();
  const { clip, state, onEdit } = props;
  const { timeSignature } = state.meta;
  const rate = state.meta.sampleRate as SampleRate;
  const valid = validators(t, state);
  const beat = ticksPerBeat(timeSignature);
  const ms = (samplesValue: number) =>
    String(Math.round(samplesToSeconds(samples(samplesValue), rate) * 1000));
  const toSamples = (text: string) => secondsToSamples(seconds((number(text) ?? 0) / 1000), rate);
  const name = clip.name;
  return (
    <div className="clip-fields" role="group" aria-label={t('clipField.group', { name })}>
      <label className="clip-field">
        <span>{t('clipField.name')}</span>
        <CommitInput
          label={t('clipField.nameOf', { name })}
          value={clip.name}
          maxLength={120}
          validate={valid.name}
          onCommit={(text) => {
            onEdit(
              [{ op: 'clip.update', clipId: clip.id, patch: { name: text.trim() } }],
              CLIP_EDIT_LABELS.rename,
            );
          }}
        />
      </label>
      <label className="clip-field">
        <span>{t('clipField.start')}</span>
        <CommitInput
          className="input-narrow input-mono"
          label={t('clipField.startOf', { name })}
          value={formatBarsBeats(clip.start, timeSignature)}
          validate={valid.start}
          onCommit={(text) => {
            const start = parseBarsBeats(text, timeSignature) ?? clip.start;
            onEdit(
              moveClips(state, [{ clipId: clip.id, start, trackId: clip.trackId }]),
              CLIP_EDIT_LABELS.move,
            );
          }}
        />
      </label>
      <label className="clip-field">
        <span>{t('clipField.length')}</span>
        <CommitInput
          className="input-tiny input-mono"
          label={t('clipField.lengthOf', { name })}
          value={String(Math.round((clip.length / beat) * 1000) / 1000)}
          validate={valid.beats}
          onCommit={(text) => {
            const end = ticks(clip.start + Math.round((number(text) ?? 1) * beat));
            onEdit(trimClipEnd(state, clip.id, end), CLIP_EDIT_LABELS.trim);
          }}
        />
      </label>
      <label className="clip-field">
        <span>{t('clipField.gain')}</span>
        <CommitInput
          className="input-tiny input-mono"
          label={t('clipField.gainOf', { name })}
          value={String(clip.gainDb)}
          validate={valid.gain}
          onCommit={(text) => {
            onEdit(
              setClipGain(state, [clip.id], db(Math.round((number(text) ?? 0) * 10) / 10)),
              CLIP_EDIT_LABELS.gain,
            );
          }}
        />
      </label>
      <label className="clip-field">
        <span>{t('clipField.fadeIn')}</span>
        <CommitInput
          className="input-tiny input-mono"
          label={t('clipField.fadeInOf', { name })}
          value={ms(clip.fadeIn)}
          validate={valid.fade}
          onCommit={(text) => {
            onEdit(setClipFade(state, clip.id, 'in', toSamples(text)), CLIP_EDIT_LABELS.fade);
          }}
        />
      </label>
      <label className="clip-field">
        <span>{t('clipField.fadeOut')}</span>
        <CommitInput
          className="input-tiny input-mono"
          label={t('clipField.fadeOutOf', { name })}
          value={ms(clip.fadeOut)}
          validate={valid.fade}
          onCommit={(text) => {
            onEdit(setClipFade(state, clip.id, 'out', toSamples(text)), CLIP_EDIT_LABELS.fade);
          }}
        />
      </label>
    </div>
  );
}
