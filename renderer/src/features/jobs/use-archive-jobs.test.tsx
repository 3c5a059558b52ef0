import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Handlers } from '../../../../app/contract/dispatch.ts';
import type { JobState } from '../../../../app/contract/jobs.ts';
import { CONTRACT_VERSION } from '../../../../app/contract/version.ts';
import type { FileToken, JobId } from '../../../../app/model/ids.ts';
import { StudioProvider } from '../../client/studio-context.tsx';
import { HostContext } from '../../shell/host-context.ts';
import { fakeStudio, PROJECT_A } from '../../testing/fake-studio.ts';
import { createToastStore } from '../../ui/toast-store.ts';
import { ToastProvider } from '../../ui/Toasts.tsx';
import { useArchiveJobs } from './use-archive-jobs.ts';

afterEach(cleanup);

const JOB_ID = '9d3c2b1a-0f0e-4d0c-8b0a-090807060504' as JobId;
const TOKEN = `ft_${'ab'.repeat(16)}` as FileToken;

const finished = (kind: JobState['kind'], result: unknown): JobState => ({
  jobId: JOB_ID,
  kind,
  label: 'job',
  projectId: null,
  status: 'succeeded',
  progress: { phase: 'write', fraction: 1, overall: 1 },
  createdAt: 1,
  finishedAt: 2,
  result,
  error: null,
});

/** The hook as the desktop app runs it: native dialogs, files revealed in the file manager. */
function renderDesktop(handlers: Partial<Handlers>) {
  const studio = fakeStudio(handlers);
  const toasts = createToastStore();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={new QueryClient()}>
      <ToastProvider store={toasts}>
        <StudioProvider client={studio.client} onEditError={() => undefined}>
          <HostContext.Provider
            value={{ contractVersion: CONTRACT_VERSION, appVersion: '0.1.0', host: 'electron' }}
          >
            {children}
          </HostContext.Provider>
        </StudioProvider>
      </ToastProvider>
    </QueryClientProvider>
  );
  const { result } = renderHook(() => useArchiveJobs(), { wrapper });
  return { studio, toasts, result };
}

describe('useArchiveJobs on the desktop', () => {
  it('imports through the native picker and offers to open the new project', async () => {
    const { studio, toasts, result } = renderDesktop({
      'file.pick': () => [{ file: TOKEN, name: 'Song.layerline', bytes: 10 }],
      'project.importArchive': () => ({ jobId: JOB_ID }),
      'job.get': () =>
        finished('project.importArchive', {
          projectId: PROJECT_A,
          name: 'Song',
          createdAt: 1,
          updatedAt: 1,
          openedAt: null,
          trackCount: 2,
        }),
    });
    expect(result.current.importNeedsFile).toBe(false);
    await act(() => result.current.importArchive(null));
    expect(studio.calls.map((call) => call.method)).toEqual([
      'file.pick',
      'project.importArchive',
      'job.get',
    ]);
    expect(studio.calls[1]?.params).toEqual({ file: TOKEN });
    expect(toasts.getSnapshot()).toMatchObject([
      { tone: 'success', title: 'Imported “Song”', action: { label: 'Open' } },
    ]);
  });

  it('does nothing when the picker is dismissed', async () => {
    const { studio, toasts, result } = renderDesktop({ 'file.pick': () => [] });
    await act(() => result.current.importArchive(null));
    expect(studio.calls.map((call) => call.method)).toEqual(['file.pick']);
    expect(toasts.getSnapshot()).toEqual([]);
  });

  it('exports, then shows the file in the file manager', async () => {
    const artifact = { artifactId: `art_${'cd'.repeat(16)}`, fileName: 'Demo.layerline', bytes: 5 };
    const { studio, toasts, result } = renderDesktop({
      'project.exportArchive': () => ({ jobId: JOB_ID }),
      'job.get': () => finished('project.exportArchive', artifact),
      'artifact.open': () => ({ kind: 'revealed' as const }),
    });
    await act(() => result.current.exportArchive(PROJECT_A, 'Demo'));
    expect(studio.calls.at(-1)).toEqual({
      method: 'artifact.open',
      params: { artifactId: artifact.artifactId },
    });
    expect(toasts.getSnapshot()).toMatchObject([
      { tone: 'success', title: 'Exported Demo.layerline' },
    ]);
  });

  it('reports a cancelled export as information, not as an error', async () => {
    const { toasts, result } = renderDesktop({
      'project.exportArchive': () => ({ jobId: JOB_ID }),
      'job.get': () => ({
        ...finished('project.exportArchive', null),
        status: 'cancelled' as const,
        error: { code: 'CANCELLED' as const, message: 'The operation was cancelled.' },
      }),
    });
    await act(() => result.current.exportArchive(PROJECT_A, 'Demo'));
    expect(toasts.getSnapshot()).toMatchObject([
      { tone: 'info', title: 'Export of “Demo” cancelled' },
    ]);
  });
});
