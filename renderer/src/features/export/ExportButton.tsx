/** The project toolbar's way into the DAW export. */
import { useState } from 'react';

import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ExportDialog } from './ExportDialog.tsx';

export function ExportButton(props: { snapshot: ProjectSnapshot }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button"
        title={t('export.openHint')}
        onClick={() => {
          setOpen(true);
        }}
      >
        {t('export.open')}
      </button>
      {open ? (
        <ExportDialog
          snapshot={props.snapshot}
          onClose={() => {
            setOpen(false);
          }}
        />
      ) : null}
    </>
  );
}
