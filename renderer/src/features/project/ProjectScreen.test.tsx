import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Handlers } from '../../../../app/contract/dispatch.ts';
import { CONTRACT_VERSION } from '../../../../app/contract/version.ts';
import { StudioError } from '../../../../app/errors.ts';
import { applyEdits } from '../../../../app/model/edits.ts';
import { StudioProvider } from '../../client/studio-context.tsx';
import { HostContext } from '../../shell/host-context.ts';
import { fakeStudio, makeSnapshot, makeTrack, PROJECT_A } from '../../testing/fake-studio.ts';
import { createToastStore } from '../../ui/toast-store.ts';
import { toastError, ToastProvider, ToastViewport } from '../../ui/Toasts.tsx';
import { ProjectScreen } from './ProjectScreen.tsx';

afterEach(cleanup);

const drums = makeTrack('Drums');
const bass = makeTrack('Bass');

/** Renders the screen over a fake main that keeps the project and applies edits for real. */
function renderScreen(overrides: Partial<Handlers>) {
  const initial = makeSnapshot({ revision: 1, tracks: [drums, bass] });
  let snapshot = {
    ...initial,
    history: { ...initial.history, canUndo: true, undoLabel: 'Add track' },
  };
  const studio = fakeStudio({
    'project.get': () => snapshot,
    'project.getView': () => ({ selection: null, trackHeights: {} }),
    'media.list': () => [],
    'project.applyEdits': ({ baseRevision, edits }) => {
      if (baseRevision !== snapshot.revision) {
        throw new StudioError('CONFLICT', 'Stale revision.');
      }
      const revision = snapshot.revision + 1;
      snapshot = { ...snapshot, revision, state: applyEdits(snapshot.state, edits).state };
      return { revision };
    },
    ...overrides,
  });
  const toasts = createToastStore();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <ToastProvider store={toasts}>
        <StudioProvider
          client={studio.client}
          onEditError={(error) => {
            toastError(toasts, error);
          }}
        >
          <HostContext.Provider
            value={{ contractVersion: CONTRACT_VERSION, appVersion: '0', host: 'server' }}
          >
            <ProjectScreen projectId={PROJECT_A} />
          </HostContext.Provider>
          <ToastViewport />
        </StudioProvider>
      </ToastProvider>
    </QueryClientProvider>,
  );
  return studio;
}

const methods = (studio: ReturnType<typeof fakeStudio>) => studio.calls.map((call) => call.method);

describe('ProjectScreen', () => {
  it('shows the project and sends a mute as one applyEdits batch', async () => {
    const studio = renderScreen({});
    expect(await screen.findByDisplayValue('Drums')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Undo Add track/ })).toHaveProperty(
      'disabled',
      false,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Mute track 2' }));
    await waitFor(() => {
      expect(
        screen.getByRole('button', { name: 'Mute track 2' }).getAttribute('aria-pressed'),
      ).toBe('true');
    });
    await waitFor(() => {
      expect(methods(studio)).toContain('project.applyEdits');
    });
    expect(studio.calls.find((call) => call.method === 'project.applyEdits')?.params).toEqual({
      projectId: PROJECT_A,
      baseRevision: 1,
      edits: [{ op: 'track.update', trackId: bass.id, patch: { mute: true } }],
    });
  });

  it('rolls back a refused edit and says why', async () => {
    renderScreen({
      'project.applyEdits': () => {
        throw new StudioError('STORAGE_FAILED', 'The disk is full.');
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Solo track 1' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The studio could not save to disk');
    expect(screen.getByRole('button', { name: 'Solo track 1' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
  });

  it('undoes on Ctrl+Z and redoes on the native menu command, but not while typing', async () => {
    const studio = renderScreen({
      'project.undo': () => ({ revision: 2 }),
      'project.redo': () => ({ revision: 3 }),
    });
    const name = await screen.findByDisplayValue('Drums');
    fireEvent.keyDown(name, { key: 'z', ctrlKey: true });
    expect(methods(studio)).not.toContain('project.undo');
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    await waitFor(() => {
      expect(methods(studio)).toContain('project.undo');
    });
    act(() => {
      studio.emit('app.menuCommand', { command: 'redo' });
    });
    await waitFor(() => {
      expect(methods(studio)).toContain('project.redo');
    });
  });

  it('says so when the project is not in the library', async () => {
    renderScreen({
      'project.get': () => {
        throw new StudioError('NOT_FOUND', 'No project with that id.');
      },
    });
    expect(await screen.findByText('This project is not in the library')).toBeTruthy();
  });
});
