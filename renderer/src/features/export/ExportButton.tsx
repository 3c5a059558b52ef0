/** The project toolbar's way into the DAW export. */
import { useState } from 'react';

import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import { ExportDialog } from './ExportDialog.tsx';

export function ExportButton(props: { snapshot: ProjectSnapshot }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button"
        title="Export stems, mix, tempo map and project files for a DAW"
        onClick={() => {
          setOpen(true);
        }}
      >
        Export…
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
