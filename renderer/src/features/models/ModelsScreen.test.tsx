import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { InferenceStatus } from '../../../../app/contract/inference-status.ts';
import type { ModelsHardwareReport, ModelsOverview } from '../../../../app/contract/models.ts';
import { StudioProvider } from '../../client/studio-context.tsx';
import { activateLocale } from '../../i18n/active.ts';
import { I18nProvider } from '../../i18n/I18nProvider.tsx';
import type { Locale } from '../../i18n/locales.ts';
import { HostContext } from '../../shell/host-context.ts';
import { fakeStudio } from '../../testing/fake-studio.ts';
import { makeVaeView } from '../../testing/model-fixtures.ts';
import { createToastStore } from '../../ui/toast-store.ts';
import { ToastProvider } from '../../ui/Toasts.tsx';
import { ModelsScreen } from './ModelsScreen.tsx';

afterEach(() => {
  cleanup();
  activateLocale('en');
});

const overview: ModelsOverview = {
  modelsDir: 'models',
  freeBytes: null,
  components: [makeVaeView({ graphs: ['vae_decoder'], tasks: ['text2music'] })],
  // The catalog's English title: the screen names the task by its id in the active language.
  tasks: [{ id: 'text2music', title: 'Generate a song', ready: false, missing: ['vae'] }],
  source: {
    baseUrl: 'https://example.test/{repo}/{revision}/{path}',
    isDefault: true,
    origin: 'catalog',
    hasToken: false,
    tokenStorage: 'memory',
    proxy: null,
    packsPublished: true,
  },
};

const report: ModelsHardwareReport = {
  hardware: { platform: 'linux', arch: 'x64', ramBytes: 16e9, cpuCores: 8, gpus: [] },
  providers: {
    preferred: 'cuda',
    why: 'An NVIDIA GPU was found.',
    providers: [{ id: 'cpu', usable: true, reason: 'Always there.', fix: null }],
  },
  recommendation: {
    provider: 'cpu',
    precision: 'fp32',
    tier: null,
    memoryGb: 16,
    summary: 'Runs on the CPU.',
    items: [{ componentId: 'vae', precision: 'fp32', optional: false, reason: 'Every task.' }],
    maxDurationS: 60,
    notes: [],
  },
};

const status: InferenceStatus = {
  available: true,
  inUse: {
    session: 'vae/vae_decoder',
    provider: 'cpu',
    fallbacks: [{ provider: 'cuda', reason: 'libcudnn.so.9 missing' }],
  },
  sessions: [],
};

function renderScreen(locale: Locale) {
  const studio = fakeStudio({
    'models.overview': () => overview,
    'models.recommend': () => report,
    'inference.status': () => status,
    'job.list': () => [],
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <I18nProvider locale={locale}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider store={createToastStore()}>
          <StudioProvider client={studio.client} onEditError={() => undefined}>
            <HostContext.Provider value={{ contractVersion: 1, appVersion: 't', host: 'server' }}>
              <ModelsScreen />
            </HostContext.Provider>
          </StudioProvider>
        </ToastProvider>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

describe('ModelsScreen', () => {
  it('speaks Japanese: headings, task names, buttons and the provider in use', async () => {
    renderScreen('ja');
    expect(await screen.findByRole('heading', { name: 'このマシン' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'モデル' })).toBeTruthy();
    expect(screen.getByText('曲を生成')).toBeTruthy();
    expect(screen.getByText('必要：Audio VAE')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Audio VAE をインストール' })).toBeTruthy();
    expect(screen.getByTestId('provider-in-use').textContent).toBe(
      '使用中：CPU — CUDA は使えませんでした：libcudnn.so.9 missing',
    );
    expect(screen.queryByText('This machine')).toBeNull();
    expect(screen.queryByText('Generate a song')).toBeNull();
  });

  it('speaks English by default, with the same screen', async () => {
    renderScreen('en');
    expect(await screen.findByRole('heading', { name: 'This machine' })).toBeTruthy();
    expect(screen.getByText('Generate a song')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Install Audio VAE' })).toBeTruthy();
  });
});
