/**
 * Drag a track or clip out of the studio onto another application (desktop only): pressing
 * the handle renders the file in the background, dragging it starts the native file drag.
 * In a browser there is no native file drag, so the handle is not shown there.
 */
import { type DragEvent, useContext } from 'react';

import type { DragOutTarget } from '../../../../app/export/export-options.ts';
import type { ProjectId } from '../../../../app/model/ids.ts';
import { useStudioClient } from '../../client/studio-context.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useRoute } from '../../routing/hash-route.ts';
import { HostContext } from '../../shell/host-context.ts';
import { IconDownload } from '../../ui/icons.tsx';
import { toastError, useToasts } from '../../ui/Toasts.tsx';

export function DragOutHandle(props: { target: DragOutTarget; label: string }) {
  const route = useRoute();
  const host = useContext(HostContext);
  if (host?.host !== 'electron' || route.screen !== 'project') {
    return null;
  }
  return <DesktopDragOutHandle {...props} projectId={route.projectId} />;
}

function DesktopDragOutHandle(props: {
  target: DragOutTarget;
  label: string;
  projectId: ProjectId;
}) {
  const t = useT();
  const client = useStudioClient();
  const toasts = useToasts();
  const call = (phase: 'prepare' | 'start') =>
    client.call('export.dragOut', { projectId: props.projectId, target: props.target, phase });
  const onDragStart = (event: DragEvent<HTMLSpanElement>) => {
    // The OS drag carries the file; the page's own drag (track reordering) must not start.
    event.preventDefault();
    event.stopPropagation();
    call('start').catch((error: unknown) => {
      toastError(toasts, error, props.label);
    });
  };
  return (
    <span
      className="icon-button drag-out"
      role="button"
      tabIndex={-1}
      draggable
      aria-label={props.label}
      title={t('export.dragHint', { label: props.label })}
      onPointerDown={(event) => {
        // Not a clip move or a track reorder: this press is the start of a drag out.
        event.stopPropagation();
        // Render now, so the file is ready when the drag begins; errors show on drag.
        call('prepare').catch(() => undefined);
      }}
      onDragStart={onDragStart}
    >
      <IconDownload />
    </span>
  );
}
