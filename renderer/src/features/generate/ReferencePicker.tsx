/**
 * A style/timbre reference for a generation: an audio file dropped on the panel (imported into
 * the project first, like any import), a clip dragged onto it from the timeline, or the
 * selected clip's audio.
 */
import { useState } from 'react';

import { StudioError } from '../../../../app/errors.ts';
import type { MediaRef } from '../../../../app/generation/request.ts';
import type { ProjectId } from '../../../../app/model/ids.ts';
import { AudioImportResult } from '../../../../app/model/media.ts';
import type { Clip } from '../../../../app/model/project.ts';
import { useStudioClient } from '../../client/studio-context.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useHost } from '../../shell/host-context.ts';
import { useErrorToast } from '../../ui/Toasts.tsx';
import { followJob } from '../jobs/follow-job.ts';
import { useClipDropTarget } from '../timeline/clip-drop.ts';
import { tokensFor } from '../timeline/use-audio-import.ts';

export interface Reference {
  ref: MediaRef;
  name: string;
}

export function ReferencePicker(props: {
  projectId: ProjectId;
  value: Reference | null;
  onChange: (value: Reference | null) => void;
  selectedClip: Clip | null;
}) {
  const t = useT();
  const client = useStudioClient();
  const { host } = useHost();
  const showError = useErrorToast();
  const [importing, setImporting] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const chooseClip = (clip: Clip) => {
    props.onChange({ ref: { mediaHash: clip.mediaHash }, name: clip.name });
  };
  // A clip dragged from the timeline onto the panel is a reference too.
  const [clipOver, attachClipDrop] = useClipDropTarget(chooseClip);

  const importFile = async (file: File) => {
    setImporting(file.name);
    try {
      const [chosen] = await tokensFor(host, [file]);
      if (chosen === undefined) {
        return;
      }
      const { jobId } = await client.call('media.import', {
        projectId: props.projectId,
        file: chosen.file,
      });
      const outcome = await followJob(client, jobId);
      const result = AudioImportResult.safeParse(outcome.result);
      if (!result.success) {
        throw outcome.error === null
          ? new StudioError('INTERNAL', 'The import gave no result.')
          : StudioError.fromWire(outcome.error);
      }
      props.onChange({ ref: { mediaHash: result.data.media.hash }, name: file.name });
    } catch (error) {
      showError(error, t('gen.reference'));
    } finally {
      setImporting(null);
    }
  };

  return (
    <div
      ref={attachClipDrop}
      className={`wf-drop${over || clipOver ? ' is-over' : ''}`}
      data-testid="reference-drop"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) {
          event.preventDefault();
          event.stopPropagation();
          setOver(true);
        }
      }}
      onDragLeave={() => {
        setOver(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        event.stopPropagation();
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (file !== undefined) {
          void importFile(file);
        }
      }}
    >
      <p className="field-label">{t('gen.reference')}</p>
      {importing !== null ? (
        <p className="wf-hint">{t('gen.referenceImporting', { name: importing })}</p>
      ) : props.value === null ? (
        <p className="wf-hint">{t('gen.referenceDrop')}</p>
      ) : (
        <p>{t('gen.referenceSet', { name: props.value.name })}</p>
      )}
      <div className="wf-actions">
        <button
          type="button"
          className="button button-small"
          disabled={props.selectedClip === null}
          onClick={() => {
            if (props.selectedClip !== null) {
              chooseClip(props.selectedClip);
            }
          }}
        >
          {t('gen.referenceUseClip')}
        </button>
        {props.value === null ? null : (
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => {
              props.onChange(null);
            }}
          >
            {t('gen.referenceClear')}
          </button>
        )}
      </div>
    </div>
  );
}
