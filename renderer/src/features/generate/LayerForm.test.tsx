import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Handlers } from '../../../../app/contract/dispatch.ts';
import type { ModelsOverview } from '../../../../app/contract/models.ts';
import { CONTRACT_VERSION } from '../../../../app/contract/version.ts';
import type { JobId } from '../../../../app/model/ids.ts';
import type { TimeSelection } from '../../../../app/model/view.ts';
import type { Ticks } from '../../../../app/timeline/units.ts';
import { StudioProvider } from '../../client/studio-context.tsx';
import { HostContext } from '../../shell/host-context.ts';
import { fakeStudio, makeSnapshot, makeTrack } from '../../testing/fake-studio.ts';
import { createToastStore } from '../../ui/toast-store.ts';
import { ToastProvider } from '../../ui/Toasts.tsx';
import { createTimeline, TimelineContext } from '../timeline/timeline-store.ts';
import { LayerForm } from './LayerForm.tsx';

afterEach(cleanup);

const drums = makeTrack('Drums');
const vocals = makeTrack('Vocals', { mute: true });

function overview(legoReady: boolean): ModelsOverview {
  const base = {
    id: 'dit-base',
    kind: 'dit' as const,
    title: 'DiT base',
    summary: '',
    licence: 'MIT',
    licenceSource: '',
    upstream: '',
    graphs: [],
    sizes: { fp32: 1, fp16: 1 },
    vramGb: { fp32: 1, fp16: 1 },
    tasks: [],
    state: legoReady ? ('installed' as const) : ('available' as const),
    precision: null,
    bytesOnDisk: 0,
    bytesTotal: null,
    jobId: null,
    problem: null,
  };
  return {
    modelsDir: '/models',
    components: [base],
    tasks: [
      {
        id: 'lego',
        title: 'Add a layer',
        ready: legoReady,
        missing: legoReady ? [] : ['dit-base'],
      },
    ],
    source: {
      baseUrl: 'https://example.invalid',
      isDefault: true,
      origin: 'catalog',
      hasToken: false,
      tokenStorage: 'file',
      proxy: null,
      packsPublished: false,
    },
    freeBytes: null,
  };
}

function renderForm(overrides: Partial<Handlers>, selection: TimeSelection | null) {
  const studio = fakeStudio({
    'models.recommend': () => {
      throw new Error('not needed');
    },
    ...overrides,
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const snapshot = makeSnapshot({ tracks: [drums, vocals] });
  render(
    <QueryClientProvider client={queryClient}>
      <ToastProvider store={createToastStore()}>
        <StudioProvider client={studio.client} onEditError={() => undefined}>
          <HostContext.Provider
            value={{ contractVersion: CONTRACT_VERSION, appVersion: '0', host: 'server' }}
          >
            <TimelineContext.Provider value={createTimeline()}>
              <LayerForm
                snapshot={snapshot}
                selection={selection}
                selectedClip={null}
                onEdit={() => undefined}
              />
            </TimelineContext.Provider>
          </HostContext.Provider>
        </StudioProvider>
      </ToastProvider>
    </QueryClientProvider>,
  );
  return studio;
}

describe('LayerForm', () => {
  it('says when the base model is missing and installs it in one click', async () => {
    const studio = renderForm(
      {
        'models.overview': () => overview(false),
        'models.install': () => ({ jobId: '9d3c2b1a-0f0e-4d0c-8b0a-090807060504' as JobId }),
        'job.list': () => [],
      },
      null,
    );
    const need = await screen.findByTestId('model-need');
    expect(need.textContent).toContain('Add a layer needs dit-base');
    expect(screen.getByRole('button', { name: 'Add layer' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Install it' }));
    await waitFor(() => {
      expect(studio.calls.find((call) => call.method === 'models.install')?.params).toMatchObject({
        componentId: 'dit-base',
      });
    });
  });

  it('starts a lego run over the selection, hearing the audible tracks by default', async () => {
    const started: unknown[] = [];
    renderForm(
      {
        'models.overview': () => overview(true),
        'workflow.start': ({ workflow }) => {
          started.push(workflow);
          throw new Error('stop here');
        },
      },
      { start: 960 as Ticks, end: 4800 as Ticks, trackIds: [] },
    );
    fireEvent.change(await screen.findByLabelText('Instrument'), { target: { value: 'bass' } });
    expect(screen.queryByTestId('model-need')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add layer' }));
    await waitFor(() => {
      expect(started).toHaveLength(1);
    });
    expect(started[0]).toMatchObject({
      kind: 'addLayer',
      range: { start: 960, end: 4800 },
      trackClass: 'bass',
      // The muted vocals are not heard unless asked for.
      contextTrackIds: [drums.id],
      settings: { batchSize: 1, thinking: false },
    });
  });
});
