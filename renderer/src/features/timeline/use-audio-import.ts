/**
 * Importing audio files onto the timeline: each file becomes a file token (the preload's drop
 * bridge on desktop, an upload in a browser), then a media.import job with progress, then a
 * clip where it was dropped. Failures say why in a toast; nothing half-made is left behind.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import { Envelope } from '../../../../app/contract/wire.ts';
import { StudioError } from '../../../../app/errors.ts';
import type { ClipId, FileToken, JobId, ProjectId, TrackId } from '../../../../app/model/ids.ts';
import { AudioImportResult } from '../../../../app/model/media.ts';
import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import type { Ticks } from '../../../../app/timeline/units.ts';
import { methodKey, snapshotKey } from '../../client/query-keys.ts';
import { useProjectEditor, useStudioClient } from '../../client/studio-context.tsx';
import { studioBridge } from '../../client/transport-choice.ts';
import { uploadFile } from '../../client/upload.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useHost } from '../../shell/host-context.ts';
import { toastError, useToasts } from '../../ui/Toasts.tsx';
import { followJob } from '../jobs/follow-job.ts';
import { IMPORT_LABEL, importEdits, type ImportTarget, importTargets } from './audio-drop.ts';
import { useTimeline } from './timeline-store.ts';

interface Chosen {
  file: FileToken;
  name: string;
}

/** File tokens for dropped or chosen files, in their order. */
export async function tokensFor(
  host: 'electron' | 'server',
  files: readonly File[],
): Promise<Chosen[]> {
  const bridge = studioBridge();
  if (host === 'electron' && bridge !== undefined) {
    const answer = Envelope.safeParse(await bridge.dropFiles(files));
    if (!answer.success) {
      throw new StudioError('INTERNAL', 'The desktop bridge sent a malformed drop answer.');
    }
    if (!answer.data.ok) {
      throw StudioError.fromWire(answer.data.error);
    }
    return answer.data.value as Chosen[];
  }
  const chosen: Chosen[] = [];
  for (const file of files) {
    const uploaded = await uploadFile(file, {
      baseUrl: location.origin,
      fetch: (u, i) => fetch(u, i),
    });
    chosen.push({ file: uploaded.file, name: uploaded.name });
  }
  return chosen;
}

export interface AudioImport {
  /** Files dropped (or picked in a browser) at a track row (-1: below) and position. */
  importFiles: (files: readonly File[], row: number, at: Ticks) => void;
  /** Desktop: the native dialog picks the files. */
  pickAndImport: (row: number, at: Ticks) => void;
  /** True when picking needs an <input type="file"> (server mode). */
  needsFileInput: boolean;
}

export function useAudioImport(projectId: ProjectId): AudioImport {
  const t = useT();
  const client = useStudioClient();
  const editor = useProjectEditor();
  const queryClient = useQueryClient();
  const timeline = useTimeline();
  const toasts = useToasts();
  const { host } = useHost();

  const runOne = useCallback(
    async (chosen: Chosen, target: ImportTarget, row: number, at: Ticks) => {
      const id = crypto.randomUUID();
      const setJob = (jobId: JobId) => {
        timeline.state.set((s) => ({
          imports: s.imports.map((p) => (p.id === id ? { ...p, jobId } : p)),
        }));
      };
      timeline.state.set((s) => ({
        imports: [...s.imports, { id, name: chosen.name, row, at, jobId: null }],
      }));
      try {
        const { jobId } = await client.call('media.import', { projectId, file: chosen.file });
        setJob(jobId);
        const outcome = await followJob(client, jobId);
        if (outcome.status === 'cancelled') {
          toasts.push({ tone: 'info', title: t('import.cancelled', { name: chosen.name }) });
          return;
        }
        const result = AudioImportResult.safeParse(outcome.result);
        if (outcome.status !== 'succeeded' || !result.success) {
          const error =
            outcome.error === null
              ? new StudioError('INTERNAL', 'The import gave no result.')
              : StudioError.fromWire(outcome.error);
          toastError(toasts, error, t('import.failed', { name: chosen.name }));
          return;
        }
        void queryClient.invalidateQueries({ queryKey: methodKey('media.list') });
        const snapshot = queryClient.getQueryData<ProjectSnapshot>(snapshotKey(projectId));
        if (snapshot === undefined) {
          return;
        }
        // The drop row's track may have gone meanwhile: then the audio gets a new track.
        const still =
          target.kind === 'track' && snapshot.state.tracks.some((tr) => tr.id === target.trackId);
        const placed = importEdits(
          snapshot.state,
          still ? target : { kind: 'new' },
          { ...result.data.media, name: chosen.name },
          at,
          {
            clip: () => crypto.randomUUID() as ClipId,
            track: () => crypto.randomUUID() as TrackId,
          },
        );
        await editor.apply(projectId, placed.edits, IMPORT_LABEL);
        timeline.state.set({ selectedClipIds: [placed.clipId] });
        for (const warning of result.data.warnings) {
          toasts.push({ tone: 'info', title: chosen.name, detail: warning });
        }
      } catch (error) {
        toastError(toasts, error, t('import.failed', { name: chosen.name }));
      } finally {
        timeline.state.set((s) => ({ imports: s.imports.filter((p) => p.id !== id) }));
      }
    },
    [client, editor, projectId, queryClient, timeline, toasts, t],
  );

  const runAll = useCallback(
    async (chosen: Chosen[], row: number, at: Ticks) => {
      const snapshot = queryClient.getQueryData<ProjectSnapshot>(snapshotKey(projectId));
      const targets =
        snapshot === undefined
          ? chosen.map(() => ({ kind: 'new' }) as const)
          : importTargets(snapshot.state, row, chosen.length);
      // One after another: new tracks then stack up in the order the files came.
      for (const [k, file] of chosen.entries()) {
        await runOne(file, targets[k] ?? { kind: 'new' }, row < 0 ? -1 : row + k, at);
      }
    },
    [projectId, queryClient, runOne],
  );

  const importFiles = useCallback(
    (files: readonly File[], row: number, at: Ticks) => {
      tokensFor(host, files).then(
        (chosen) => runAll(chosen, row, at),
        (error: unknown) => {
          toastError(toasts, error, t('import.uploadFailed'));
        },
      );
    },
    [host, runAll, toasts, t],
  );

  const pickAndImport = useCallback(
    (row: number, at: Ticks) => {
      client.call('file.pick', { purpose: 'audio', multiple: true }).then(
        (picked) => runAll(picked, row, at),
        (error: unknown) => {
          toastError(toasts, error, t('import.pickFailed'));
        },
      );
    },
    [client, runAll, toasts, t],
  );

  return { importFiles, pickAndImport, needsFileInput: host === 'server' };
}
