import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Handlers } from '../../../../app/contract/dispatch.ts';
import { StudioError } from '../../../../app/errors.ts';
import type { ExportOptions } from '../../../../app/export/export-options.ts';
import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import type { ProjectView } from '../../../../app/model/view.ts';
import { StudioProvider } from '../../client/studio-context.tsx';
import { HostContext } from '../../shell/host-context.ts';
import { fakeStudio, makeClip, makeSnapshot, makeTrack } from '../../testing/fake-studio.ts';
import { createToastStore } from '../../ui/toast-store.ts';
import { ToastProvider } from '../../ui/Toasts.tsx';
import { ExportDialog } from './ExportDialog.tsx';

afterEach(cleanup);

const drums = makeTrack('Drums');
const bass = makeTrack('Bass', { mute: true });
const pads = makeTrack('Pads');

const clip = makeClip;

function song(): ProjectSnapshot {
  const base = makeSnapshot({ tracks: [drums, bass, pads] });
  return {
    ...base,
    name: 'Night Drive',
    state: {
      ...base.state,
      meta: { ...base.state.meta, key: { tonic: 'F#', mode: 'minor' } },
      clips: [clip(drums.id, 1, 0, 8 * 960), clip(bass.id, 2, 0, 4 * 960)],
    },
  };
}

function renderDialog(
  snapshot: ProjectSnapshot,
  overrides: Partial<Handlers> = {},
  view: ProjectView = { selection: null, trackHeights: {} },
) {
  const studio = fakeStudio({ 'project.getView': () => view, ...overrides });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let closed = 0;
  render(
    <QueryClientProvider client={queryClient}>
      <ToastProvider store={createToastStore()}>
        <StudioProvider client={studio.client} onEditError={() => undefined}>
          <HostContext.Provider value={{ contractVersion: 1, appVersion: 't', host: 'server' }}>
            <ExportDialog
              snapshot={snapshot}
              onClose={() => {
                closed += 1;
              }}
            />
          </HostContext.Provider>
        </StudioProvider>
      </ToastProvider>
    </QueryClientProvider>,
  );
  return { studio, closed: () => closed };
}

const fileList = () =>
  within(screen.getByRole('region', { name: 'Files to export' }))
    .getAllByRole('listitem')
    .map((item) => item.textContent);

const sentOptions = (studio: ReturnType<typeof fakeStudio>) =>
  (
    studio.calls.find((call) => call.method === 'export.start')?.params as {
      options: ExportOptions;
    }
  ).options;

describe('ExportDialog', () => {
  it('lists the files the export will write, named as the job names them', () => {
    renderDialog(song());
    expect(fileList()).toEqual([
      '01_Drums_120bpm_F#min.wav',
      '02_Bass_120bpm_F#min.wav',
      'Night_Drive_Mix_120bpm_F#min.wav',
      'Night_Drive_120bpm_F#min_TempoMap.mid',
      'Night_Drive.RPP',
      'Night_Drive.dawproject',
    ]);
    expect(screen.getByText('“Pads” has no clip in the range, so it has no stem.')).toBeTruthy();
    expect(screen.getByLabelText('Stem of track 3, Pads')).toHaveProperty('disabled', true);
  });

  it('starts the job with the chosen options and closes', async () => {
    const { studio, closed } = renderDialog(song(), {
      'export.start': () => ({ jobId: '11111111-1111-4111-8111-111111111111' as never }),
      'job.get': () => {
        throw new StudioError('NOT_FOUND', 'gone');
      },
    });
    fireEvent.click(screen.getByLabelText('Stem of track 2, Bass'));
    expect(fileList()).not.toContain('02_Bass_120bpm_F#min.wav');
    fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'flac-int16' } });
    fireEvent.change(screen.getByLabelText('Sample rate'), { target: { value: '44100' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export and download' }));
    await waitFor(() => {
      expect(closed()).toBe(1);
    });
    expect(sentOptions(studio)).toMatchObject({
      range: { kind: 'song' },
      trackIds: [drums.id, pads.id],
      format: { container: 'flac', sampleFormat: 'int16' },
      sampleRate: 44_100,
      output: 'zip',
    });
  });

  it('offers the timeline selection as the range', async () => {
    const view = { selection: { start: 960, end: 5 * 960, trackIds: [] }, trackHeights: {} };
    const { studio } = renderDialog(
      song(),
      { 'export.start': () => ({ jobId: '11111111-1111-4111-8111-111111111111' as never }) },
      view as unknown as ProjectView,
    );
    const option = await screen.findByLabelText('Selection (bars 1.2 – 2.2)');
    fireEvent.click(option);
    expect(screen.getByText(/2\.0 s each/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export and download' }));
    await waitFor(() => {
      expect(sentOptions(studio).range).toEqual({ kind: 'selection', start: 960, end: 4800 });
    });
  });

  it('says why an empty project cannot be exported, and offers no Export', () => {
    renderDialog(makeSnapshot({ tracks: [] }));
    expect(
      screen.getByText('This project has no tracks yet: there is nothing to export.'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export and download' })).toHaveProperty(
      'disabled',
      true,
    );
  });

  it('keeps the dialog open with the studio’s reason when it refuses', async () => {
    const { closed } = renderDialog(song(), {
      'export.start': () => {
        throw new StudioError('STORAGE_FAILED', 'The disk is full.');
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export and download' }));
    expect(await screen.findByText(/The disk is full\./)).toBeTruthy();
    expect(closed()).toBe(0);
  });

  it('offers only a zip in the browser', () => {
    renderDialog(song());
    expect(screen.getByLabelText('Folder (desktop app only)')).toHaveProperty('disabled', true);
    expect(screen.getByLabelText('One zip file')).toHaveProperty('checked', true);
  });
});
