import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { JobState } from '../../../../app/contract/jobs.ts';
import type { ModelComponentView } from '../../../../app/contract/models.ts';
import type { JobId } from '../../../../app/model/ids.ts';
import { makeVaeView } from '../../testing/model-fixtures.ts';
import { ComponentRow } from './ComponentRow.tsx';
import type { ModelActions } from './use-model-actions.ts';

afterEach(cleanup);

const JOB = '9d3c2b1a-0f0e-4d0c-8b0a-090807060504' as JobId;
const vae = makeVaeView();

function actions(): ModelActions {
  return {
    install: vi.fn(),
    pause: vi.fn(),
    cancel: vi.fn(),
    remove: vi.fn(),
    verify: vi.fn(),
    importFolder: vi.fn(),
    saveSource: vi.fn(() => Promise.resolve(null)),
  };
}

function renderRow(component: ModelComponentView, job?: JobState) {
  const spy = actions();
  render(
    <ul>
      <ComponentRow
        component={component}
        job={job}
        recommended="fp16"
        recommendedHere
        actions={spy}
      />
    </ul>,
  );
  return spy;
}

describe('ComponentRow', () => {
  it('installs in the chosen precision and shows that precision’s size', () => {
    const spy = renderRow(vae);
    expect(screen.getByText(/322 MB \(fp16\)/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Precision of Audio VAE'), {
      target: { value: 'fp32' },
    });
    expect(screen.getByText(/645 MB \(fp32\)/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Install Audio VAE' }));
    expect(spy.install).toHaveBeenCalledWith('vae', 'fp32', 'Audio VAE');
  });

  it('shows bytes, speed and time left while downloading, with pause and cancel', () => {
    const job: JobState = {
      jobId: JOB,
      kind: 'models.install',
      label: 'Install Audio VAE (fp16)',
      projectId: null,
      status: 'running',
      progress: {
        phase: 'download',
        fraction: 0.25,
        overall: 0.26,
        bytesDone: 2 * 1024 * 1024,
        bytesTotal: 8 * 1024 * 1024,
        bytesPerSecond: 1024 * 1024,
        etaMs: 6000,
      },
      createdAt: 1,
      finishedAt: null,
      result: null,
      error: null,
    };
    const spy = renderRow({ ...vae, state: 'installing', precision: 'fp16', jobId: JOB }, job);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByText('2.0 MB of 8.0 MB · 1.0 MB/s · about 6 s left')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Pause Audio VAE' }));
    expect(spy.pause).toHaveBeenCalledWith('vae');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel Audio VAE' }));
    expect(spy.cancel).toHaveBeenCalledWith(JOB);
  });

  it('resumes a paused download in its own precision', () => {
    const spy = renderRow({
      ...vae,
      state: 'paused',
      precision: 'fp32',
      bytesOnDisk: 10,
      bytesTotal: 40,
    });
    expect(screen.getByText('Paused · fp32')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Resume Audio VAE' }));
    expect(spy.install).toHaveBeenCalledWith('vae', 'fp32', 'Audio VAE');
  });

  it('names the problem of a damaged component and offers verify, reinstall, remove', () => {
    const spy = renderRow({
      ...vae,
      state: 'corrupt',
      precision: 'fp16',
      problem: 'vae/vae_encoder.onnx does not match its sha256',
    });
    expect(screen.getByRole('alert').textContent).toMatch(/does not match its sha256/);
    fireEvent.click(screen.getByRole('button', { name: 'Reinstall Audio VAE' }));
    expect(spy.install).toHaveBeenCalledWith('vae', 'fp16', 'Audio VAE');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Audio VAE' }));
    expect(spy.remove).toHaveBeenCalledWith('vae', 'Audio VAE');
  });
});
