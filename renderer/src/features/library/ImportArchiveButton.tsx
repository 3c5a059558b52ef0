/** "Import archive": a file input in the browser (then an upload), a native dialog on desktop. */
import { useRef, useState } from 'react';

import { useT } from '../../i18n/I18nProvider.tsx';
import { IconUpload } from '../../ui/icons.tsx';

export function ImportArchiveButton(props: {
  needsFile: boolean;
  onImport: (file: File | null) => Promise<void>;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const run = (file: File | null) => {
    setBusy(true);
    void props.onImport(file).finally(() => {
      setBusy(false);
    });
  };
  return (
    <>
      {props.needsFile ? (
        <input
          ref={input}
          type="file"
          accept=".layerline,application/zip"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('library.archiveFile')}
          data-testid="archive-input"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file !== undefined) {
              run(file);
            }
          }}
        />
      ) : null}
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => {
          if (props.needsFile) {
            input.current?.click();
          } else {
            run(null);
          }
        }}
      >
        <IconUpload />
        {busy ? t('library.importing') : t('library.importArchive')}
      </button>
    </>
  );
}
