/**
 * A song's description: caption and lyrics (counted against their limits), instrumental,
 * vocal language, and BPM, key, beats per bar and duration, each "auto" when left empty.
 */
import { useId } from 'react';

import { CAPTION_MAX_CHARS, LYRICS_MAX_CHARS } from '../../../../app/workflows/workflow-params.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
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
  const ids = { language: useId(), bpm: useId(), key: useId(), ts: useId(), duration: useId() };
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
          <label className="check-field">
            <input
              type="checkbox"
              checked={value.instrumental}
              onChange={(event) => {
                set({ instrumental: event.currentTarget.checked });
              }}
            />
            {t('gen.instrumental')}
          </label>
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
          <div className="field">
            <label className="field-label" htmlFor={ids.language}>
              {t('gen.language')}
            </label>
            <select
              id={ids.language}
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
          </div>
        </>
      ) : null}
      {parts.metadata ? (
        <div className="wf-grid" title={t('gen.autoHint')}>
          <div className="field wf-small-field">
            <label className="field-label" htmlFor={ids.bpm}>
              {t('gen.bpm')}
            </label>
            <input
              id={ids.bpm}
              className="input input-narrow"
              type="number"
              min={30}
              max={300}
              value={value.bpm}
              placeholder={t('gen.auto')}
              onChange={(event) => {
                set({ bpm: event.currentTarget.value });
              }}
            />
          </div>
          <div className="field wf-small-field">
            <label className="field-label" htmlFor={ids.key}>
              {t('gen.key')}
            </label>
            <select
              id={ids.key}
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
          </div>
          <div className="field wf-small-field">
            <label className="field-label" htmlFor={ids.ts}>
              {t('gen.timeSignature')}
            </label>
            <select
              id={ids.ts}
              className="input"
              value={value.timeSignature}
              onChange={(event) => {
                set({ timeSignature: event.currentTarget.value as SongFields['timeSignature'] });
              }}
            >
              <option value="">{t('gen.auto')}</option>
              {(['2', '3', '4', '6'] as const).map((beats) => (
                <option key={beats} value={beats}>
                  {beats}
                </option>
              ))}
            </select>
          </div>
          {parts.duration ? (
            <div className="field wf-small-field">
              <label className="field-label" htmlFor={ids.duration}>
                {t('gen.duration')}
              </label>
              <input
                id={ids.duration}
                className="input input-narrow"
                type="number"
                min={1}
                max={600}
                value={value.duration}
                placeholder={t('gen.auto')}
                onChange={(event) => {
                  set({ duration: event.currentTarget.value });
                }}
              />
            </div>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
