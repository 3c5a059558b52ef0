/**
 * Export for a DAW: stems and/or mix over the song or the selection, format and rate, stem
 * levels, loudness, companions (tempo map, lyrics, REAPER, DAWproject) and folder or zip. The
 * file list below is the plan the job follows, so what is shown is what is written.
 */
import { type ReactNode, type SubmitEvent, useState } from 'react';

import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import type { TimeSelection } from '../../../../app/model/view.ts';
import { formatBarsBeats } from '../../../../app/timeline/musical-time.ts';
import { useStudioQuery } from '../../client/hooks.ts';
import { describeError } from '../../errors/error-text.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useHost } from '../../shell/host-context.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import {
  type ExportForm,
  FORMAT_CHOICES,
  type FormatChoiceId,
  initialExportForm,
  plannedFileNames,
  previewExport,
  toExportOptions,
} from './export-form.ts';
import { exportNoteText, formatLabel, refusalText } from './export-text.ts';
import { ExportTrackList } from './ExportTrackList.tsx';
import { useExportJob } from './use-export-job.ts';

type Patch = (patch: Partial<ExportForm>) => void;

function Check(props: {
  label: ReactNode;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="export-check">
      <input
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled ?? false}
        onChange={(event) => {
          props.onChange(event.target.checked);
        }}
      />
      <span>{props.label}</span>
    </label>
  );
}

function Radio<T extends string>(props: {
  name: string;
  value: T;
  current: T;
  label: ReactNode;
  disabled?: boolean;
  onChange: (value: T) => void;
}) {
  return (
    <label className="export-check">
      <input
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.current === props.value}
        disabled={props.disabled ?? false}
        onChange={() => {
          props.onChange(props.value);
        }}
      />
      <span>{props.label}</span>
    </label>
  );
}

function RangeSection(props: {
  form: ExportForm;
  patch: Patch;
  selection: TimeSelection | null;
  snapshot: ProjectSnapshot;
}) {
  const t = useT();
  const { selection } = props;
  const signature = props.snapshot.state.meta.timeSignature;
  const selectionText =
    selection === null
      ? t('export.selectionNone')
      : t('export.selectionBars', {
          start: formatBarsBeats(selection.start, signature),
          end: formatBarsBeats(selection.end, signature),
        });
  return (
    <fieldset className="field">
      <legend className="field-label">{t('export.range')}</legend>
      <div className="export-options">
        <Radio
          name="range"
          value="song"
          current={props.form.range}
          label={t('export.song')}
          onChange={(range) => {
            props.patch({ range });
          }}
        />
        <Radio
          name="range"
          value="selection"
          current={props.form.range}
          label={selectionText}
          disabled={selection === null}
          onChange={(range) => {
            props.patch({ range });
          }}
        />
      </div>
    </fieldset>
  );
}

function FormatSection(props: { form: ExportForm; patch: Patch }) {
  const t = useT();
  const { form, patch } = props;
  return (
    <div className="field-row">
      <label className="field">
        <span className="field-label">{t('export.format')}</span>
        <select
          className="input"
          value={form.format}
          onChange={(event) => {
            patch({ format: event.target.value as FormatChoiceId });
          }}
        >
          {FORMAT_CHOICES.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {formatLabel(choice.format)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('export.sampleRate')}</span>
        <select
          className="input"
          value={form.sampleRate}
          onChange={(event) => {
            patch({ sampleRate: event.target.value === '44100' ? 44_100 : 48_000 });
          }}
        >
          <option value={48000}>{t('export.rateNative')}</option>
          <option value={44100}>{t('export.rateResampled')}</option>
        </select>
      </label>
    </div>
  );
}

function LevelsSection(props: { form: ExportForm; patch: Patch }) {
  const t = useT();
  const { form, patch } = props;
  return (
    <fieldset className="field">
      <legend className="field-label">{t('export.levels')}</legend>
      <div className="export-options">
        <Radio
          name="levels"
          value="postFader"
          current={form.stemLevels}
          label={t('export.postFader')}
          onChange={(stemLevels) => {
            patch({ stemLevels });
          }}
        />
        <Radio
          name="levels"
          value="preFader"
          current={form.stemLevels}
          label={t('export.preFader')}
          onChange={(stemLevels) => {
            patch({ stemLevels });
          }}
        />
        <div className="inline-fields">
          <Check
            label={t('export.normalize')}
            checked={form.normalize}
            disabled={!form.mix}
            onChange={(normalize) => {
              patch({ normalize });
            }}
          />
          <input
            className="input input-narrow"
            type="number"
            min={-36}
            max={-6}
            step={0.5}
            aria-label={t('export.targetLufs')}
            value={form.targetLufs}
            disabled={!form.normalize || !form.mix}
            onChange={(event) => {
              patch({ targetLufs: Number(event.target.value) });
            }}
          />
          <span>{t('export.lufsNote')}</span>
        </div>
      </div>
    </fieldset>
  );
}

function ExtrasSection(props: { form: ExportForm; patch: Patch; server: boolean }) {
  const t = useT();
  const { form, patch } = props;
  return (
    <div className="field-row">
      <fieldset className="field">
        <legend className="field-label">{t('export.alsoWrite')}</legend>
        <div className="export-options">
          <Check
            label={t('export.tempoMap')}
            checked={form.tempoMap}
            onChange={(tempoMap) => {
              patch({ tempoMap });
            }}
          />
          <Check
            label={t('export.lyrics')}
            checked={form.lyrics}
            onChange={(lyrics) => {
              patch({ lyrics });
            }}
          />
          <Check
            label={t('export.reaper')}
            checked={form.reaper}
            disabled={!form.stems}
            onChange={(reaper) => {
              patch({ reaper });
            }}
          />
          <Check
            label={t('export.dawproject')}
            checked={form.dawproject}
            disabled={!form.stems}
            onChange={(dawproject) => {
              patch({ dawproject });
            }}
          />
        </div>
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">{t('export.output')}</legend>
        <div className="export-options">
          <Radio
            name="output"
            value="folder"
            current={form.output}
            label={props.server ? t('export.folderDesktopOnly') : t('export.folder')}
            disabled={props.server}
            onChange={(output) => {
              patch({ output });
            }}
          />
          <Radio
            name="output"
            value="zip"
            current={form.output}
            label={t('export.zip')}
            onChange={(output) => {
              patch({ output });
            }}
          />
        </div>
      </fieldset>
    </div>
  );
}

export function ExportDialog(props: { snapshot: ProjectSnapshot; onClose: () => void }) {
  const t = useT();
  const { snapshot } = props;
  const host = useHost();
  const [form, setForm] = useState(() => initialExportForm(host.host));
  const [failure, setFailure] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const view = useStudioQuery('project.getView', { projectId: snapshot.projectId });
  const selection = view.data?.selection ?? null;
  const startExport = useExportJob();
  const patch: Patch = (change) => {
    setFailure(null);
    setForm((current) => ({ ...current, ...change }));
  };
  const options = toExportOptions(form, snapshot, selection);
  const preview = previewExport(snapshot, options);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setStarting(true);
    startExport(snapshot.projectId, snapshot.name, options).then(
      // The job runs on; its progress shows in the jobs tray.
      props.onClose,
      (error: unknown) => {
        const described = describeError(error);
        setFailure(
          t('export.failure', {
            title: described.title,
            detail: refusalText(error) ?? described.detail,
          }),
        );
        setStarting(false);
      },
    );
  };
  return (
    <Dialog title={t('export.title')} onClose={props.onClose} className="dialog-wide">
      <form className="form" onSubmit={submit} noValidate aria-label={t('export.title')}>
        <fieldset className="field">
          <legend className="field-label">{t('export.what')}</legend>
          <div className="export-options">
            <Check
              label={t('export.stems')}
              checked={form.stems}
              onChange={(stems) => {
                patch({ stems });
              }}
            />
            <Check
              label={t('export.mix')}
              checked={form.mix}
              onChange={(mix) => {
                patch({ mix });
              }}
            />
          </div>
          {form.stems ? (
            <ExportTrackList
              snapshot={snapshot}
              excluded={form.excluded}
              onChange={(excluded) => {
                patch({ excluded });
              }}
            />
          ) : null}
        </fieldset>
        <RangeSection form={form} patch={patch} selection={selection} snapshot={snapshot} />
        <FormatSection form={form} patch={patch} />
        <LevelsSection form={form} patch={patch} />
        <ExtrasSection form={form} patch={patch} server={host.host === 'server'} />
        <ExportPreview preview={preview} />
        {failure === null ? null : (
          <p className="form-error" role="alert">
            {failure}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={props.onClose}>
            {t('app.cancel')}
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={!preview.ok || starting}
          >
            {host.host === 'server' ? t('export.startDownload') : t('export.start')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ExportPreview(props: { preview: ReturnType<typeof previewExport> }) {
  const t = useT();
  const { preview } = props;
  if (!preview.ok) {
    return (
      <p className="form-error" role="alert">
        {refusalText(preview.error) ?? describeError(preview.error).detail}
      </p>
    );
  }
  const names = plannedFileNames(preview.plan);
  return (
    <section className="export-preview" aria-label={t('export.files')}>
      <p className="field-label">
        {t('export.summary', {
          name: preview.plan.baseName,
          count: names.length,
          seconds: (preview.plan.outputFrames / preview.plan.sampleRate).toFixed(1),
        })}
      </p>
      <ul className="export-files">
        {names.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
      {preview.plan.notes.map((note) => (
        <p key={note} className="footnote">
          {exportNoteText(note)}
        </p>
      ))}
    </section>
  );
}
