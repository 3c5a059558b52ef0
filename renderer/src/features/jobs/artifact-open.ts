/** Hands an exported file to the user: a download in a browser, the file manager on desktop. */
import type { StudioClient } from '../../../../app/contract/client.ts';
import type { ArtifactInfo } from '../../../../app/contract/jobs.ts';
import { tr } from '../../i18n/active.ts';
import type { ToastStore } from '../../ui/toast-store.ts';
import { formatBytes } from './job-format.ts';

/** Starts a browser download of `url` (same origin) under `fileName`. */
export function triggerDownload(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = new URL(url, location.href).href;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

export async function openArtifact(
  client: StudioClient,
  toasts: ToastStore,
  artifact: ArtifactInfo,
): Promise<void> {
  const opened = await client.call('artifact.open', { artifactId: artifact.artifactId });
  if (opened.kind === 'download') {
    triggerDownload(opened.url, artifact.fileName);
    toasts.push({
      tone: 'success',
      title: tr('jobs.downloading', { name: artifact.fileName }),
      detail: formatBytes(artifact.bytes),
    });
  } else {
    toasts.push({
      tone: 'success',
      title: tr('jobs.exported', { name: artifact.fileName }),
      detail: tr('jobs.shownInFileManager'),
    });
  }
}
