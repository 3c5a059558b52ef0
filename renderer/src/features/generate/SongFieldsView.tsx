/**
 * A song's description: caption and lyrics (counted against their limits), instrumental,
 * vocal language, and BPM, key, beats per bar and duration, each "auto" when left empty.
 */
import { CAPTION_MAX_CHARS, LYRICS_MAX_CHARS } from '../../../../app/workflows/workflow-params.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { CheckField, NumberField, SelectField } from './form-fields.tsx';
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
  // Menus whose first choice is "auto" (''), then the values as they are written.
  const withAuto = <V extends string>(values: readonly V[]) => [
    ['' as const, t('gen.auto')] as const,
    ...values.map((choice) => [choice, choice] as const),
  ];
  const wholeNumber = (field: 'bpm' | 'duration', label: string, min: number, max: number) => (
    <NumberField
      label={label}
      value={value[field]}
      placeholder={t('gen.auto')}
      min={min}
      max={max}
      step={1}
      decimal={false}
      onChange={(text) => {
        set(field === 'bpm' ? { bpm: text } : { duration: text });
      }}
    />
  );
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
          <SelectField
            label={t('gen.language')}
            value={value.language}
            options={withAuto(LANGUAGE_CODES)}
            onChange={(language) => {
              set({ language });
            }}
          />
        </>
      ) : null}
      {parts.metadata ? (
        <div className="wf-grid" title={t('gen.autoHint')}>
          {wholeNumber('bpm', t('gen.bpm'), 30, 300)}
          <SelectField
            label={t('gen.key')}
            className="field wf-small-field"
            value={value.keyScale}
            options={withAuto(KEY_SCALES)}
            onChange={(keyScale) => {
              set({ keyScale });
            }}
          />
          <SelectField
            label={t('gen.timeSignature')}
            className="field wf-small-field"
            value={value.timeSignature}
            options={withAuto(['2', '3', '4', '6'] as const)}
            onChange={(timeSignature) => {
              set({ timeSignature });
            }}
          />
          {parts.duration ? wholeNumber('duration', t('gen.duration'), 1, 600) : null}
        </div>
      ) : null}
    </>
  );
}
