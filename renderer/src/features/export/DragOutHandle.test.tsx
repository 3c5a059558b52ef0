import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, createEvent, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { HelloResult } from '../../../../app/contract/methods.ts';
import type { TrackId } from '../../../../app/model/ids.ts';
import { StudioProvider } from '../../client/studio-context.tsx';
import { HostContext } from '../../shell/host-context.ts';
import { fakeStudio, PROJECT_A } from '../../testing/fake-studio.ts';
import { createToastStore } from '../../ui/toast-store.ts';
import { ToastProvider } from '../../ui/Toasts.tsx';
import { DragOutHandle } from './DragOutHandle.tsx';

const TRACK = '7a1c0e2b-1111-4222-8333-000000000001' as TrackId;

function renderHandle(
  host: HelloResult['host'],
  onParentPointerDown: () => void = () => undefined,
) {
  const studio = fakeStudio({ 'export.dragOut': () => ({ fileName: '01_Drums_120bpm.wav' }) });
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ToastProvider store={createToastStore()}>
        <StudioProvider client={studio.client} onEditError={() => undefined}>
          <HostContext.Provider value={{ contractVersion: 1, appVersion: 't', host }}>
            <div onPointerDown={onParentPointerDown}>
              <DragOutHandle target={{ kind: 'track', trackId: TRACK }} label="Drag track 1 out" />
            </div>
          </HostContext.Provider>
        </StudioProvider>
      </ToastProvider>
    </QueryClientProvider>,
  );
  return studio;
}

beforeEach(() => {
  location.hash = `#/project/${PROJECT_A}`;
});
afterEach(cleanup);

describe('DragOutHandle', () => {
  it('prepares on press and starts the native drag on dragstart (desktop)', async () => {
    let parentPresses = 0;
    const studio = renderHandle('electron', () => {
      parentPresses += 1;
    });
    const handle = screen.getByRole('button', { name: 'Drag track 1 out' });
    fireEvent.pointerDown(handle);
    const dragStart = createEvent.dragStart(handle);
    fireEvent(handle, dragStart);
    expect(dragStart.defaultPrevented).toBe(true);
    // The press is not also a clip move or a track reorder.
    expect(parentPresses).toBe(0);
    await waitFor(() => {
      expect(studio.calls.map((call) => call.params)).toEqual([
        { projectId: PROJECT_A, target: { kind: 'track', trackId: TRACK }, phase: 'prepare' },
        { projectId: PROJECT_A, target: { kind: 'track', trackId: TRACK }, phase: 'start' },
      ]);
    });
  });

  it('is not offered in a browser, which has no native file drag', () => {
    renderHandle('server');
    expect(screen.queryByRole('button', { name: 'Drag track 1 out' })).toBeNull();
  });
});
