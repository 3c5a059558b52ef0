/**
 * "Import audio": the upload picker in a browser, the native dialog on desktop. The audio
 * lands at the cursor, on the selected clip's track or on a new track.
 */
import { useRef } from 'react';

import type { ProjectState } from '../../../../app/model/project.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { IconUpload } from '../../ui/icons.tsx';
import { useAudioImportContext } from './audio-import-context.ts';
import { selectedClips } from './clip-drag.ts';
import { useTimeline } from './timeline-store.ts';

export function ImportAudioButton(props: { state: ProjectState }) {
  const t = useT();
  const timeline = useTimeline();
  const audioImport = useAudioImportContext();
  const input = useRef<HTMLInputElement>(null);
  if (audioImport === null) {
    return null;
  }
  const target = () => {
    const { selectedClipIds, cursor } = timeline.state.get();
    const clip = selectedClips(props.state, selectedClipIds)[0];
    const row =
      clip === undefined ? -1 : props.state.tracks.findIndex((track) => track.id === clip.trackId);
    return { row, at: cursor };
  };
  return (
    <>
      {audioImport.needsFileInput ? (
        <input
          ref={input}
          type="file"
          multiple
          accept="audio/*,.wav,.flac,.mp3,.ogg,.opus,.aif,.aiff"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('import.fileInput')}
          data-testid="audio-input"
          onChange={(event) => {
            const files = [...(event.currentTarget.files ?? [])];
            event.currentTarget.value = '';
            const { row, at } = target();
            if (files.length > 0) {
              audioImport.importFiles(files, row, at);
            }
          }}
        />
      ) : null}
      <button
        type="button"
        className="button"
        onClick={() => {
          if (audioImport.needsFileInput) {
            input.current?.click();
          } else {
            const { row, at } = target();
            audioImport.pickAndImport(row, at);
          }
        }}
      >
        <IconUpload />
        {t('import.button')}
      </button>
    </>
  );
}
