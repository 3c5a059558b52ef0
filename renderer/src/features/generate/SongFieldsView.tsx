/**
 * A song's description: caption and lyrics (counted against their limits), instrumental,
 * vocal language, and BPM, key, beats per bar and duration, each "auto" when left empty.
 */
import { CAPTION_MAX_CHARS, LYRICS_MAX_CHARS } from '../../../../app/workflows/workflow-params.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { CheckField, LabelledField, NumberField } from './form-fields.tsx';
import { KEY_SCALES, LANGUAGE_CODES, type SongFields } from './form-model.ts';
import { CountedText } from './panel-parts.tsx';

export function SongFieldsView(props: {
  value: SongFields;
  onChange: (value: SongFields) => void;
  /** Which parts to show (a layer has no duration; an accompaniment no lyrics). */
  parts?: { lyrics?: boolean; metadata?: boolean; duration?: boolean };
  captionLabel?: string;
  captionPlaceholder?: string;
}) {
  const t = useT();
  const { value } = props;
  const parts = { lyrics: true, metadata: true, duration: true, ...props.parts };
  const set = (patch: Partial<SongFields>) => {
    props.onChange({ ...value, ...patch });
  };
  return (
    <>
      <CountedText
        label={props.captionLabel ?? t('gen.caption')}
        value={value.caption}
        max={CAPTION_MAX_CHARS}
        placeholder={props.captionPlaceholder ?? t('gen.captionPlaceholder')}
        onChange={(caption) => {
          set({ caption });
        }}
      />
      {parts.lyrics ? (
        <>
          <CheckField
            label={t('gen.instrumental')}
            checked={value.instrumental}
            onChange={(instrumental) => {
              set({ instrumental });
            }}
          />
          {value.instrumental ? null : (
            <CountedText
              label={t('gen.lyrics')}
              value={value.lyrics}
              max={LYRICS_MAX_CHARS}
              rows={6}
              placeholder={t('gen.lyricsPlaceholder')}
              hint={t('gen.lyricsHint')}
              onChange={(lyrics) => {
                set({ lyrics });
              }}
            />
          )}
          <LabelledField label={t('gen.language')}>
            {(id) => (
              <select
                id={id}
                className="input"
                value={value.language}
                onChange={(event) => {
                  set({ language: event.currentTarget.value as SongFields['language'] });
                }}
              >
                <option value="">{t('gen.auto')}</option>
                {LANGUAGE_CODES.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            )}
          </LabelledField>
        </>
      ) : null}
      {parts.metadata ? (
        <div className="wf-grid" title={t('gen.autoHint')}>
          <NumberField
            label={t('gen.bpm')}
            value={value.bpm}
            placeholder={t('gen.auto')}
            min={30}
            max={300}
            step={1}
            decimal={false}
            onChange={(bpm) => {
              set({ bpm });
            }}
          />
          <LabelledField label={t('gen.key')} className="field wf-small-field">
            {(id) => (
              <select
                id={id}
                className="input"
                value={value.keyScale}
                onChange={(event) => {
                  set({ keyScale: event.currentTarget.value });
                }}
              >
                <option value="">{t('gen.auto')}</option>
                {KEY_SCALES.map((key) => (
                  <option key={key} value={key}>
                    {key}
                  </option>
                ))}
              </select>
            )}
          </LabelledField>
          <LabelledField label={t('gen.timeSignature')} className="field wf-small-field">
            {(id) => (
              <select
                id={id}
                className="input"
                value={value.timeSignature}
                onChange={(event) => {
                  set({
                    timeSignature: event.currentTarget.value as SongFields['timeSignature'],
                  });
                }}
              >
                <option value="">{t('gen.auto')}</option>
                {(['2', '3', '4', '6'] as const).map((beats) => (
                  <option key={beats} value={beats}>
                    {beats}
                  </option>
                ))}
              </select>
            )}
          </LabelledField>
          {parts.duration ? (
            <NumberField
              label={t('gen.duration')}
              value={value.duration}
              placeholder={t('gen.auto')}
              min={1}
              max={600}
              step={1}
              decimal={false}
              onChange={(duration) => {
                set({ duration });
              }}
            />
          ) : null}
        </div>
      ) : null}
    </>
  );
}
