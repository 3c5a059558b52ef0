import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { JobState } from '../../../../app/contract/jobs.ts';
import type { JobId } from '../../../../app/model/ids.ts';
import { JobItem } from './JobItem.tsx';

afterEach(cleanup);

const base: JobState = {
  jobId: '9d3c2b1a-0f0e-4d0c-8b0a-090807060504' as JobId,
  kind: 'project.exportArchive',
  label: 'Export “Demo”',
  projectId: null,
  status: 'running',
  progress: { phase: 'write', fraction: 0.5, overall: 0.42, etaMs: 12_400 },
  createdAt: 1,
  finishedAt: null,
  result: null,
  error: null,
};

function renderJob(job: JobState) {
  const onCancel = vi.fn();
  const onOpenArtifact = vi.fn();
  render(
    <ul>
      <JobItem job={job} onCancel={onCancel} onOpenArtifact={onOpenArtifact} />
    </ul>,
  );
  return { onCancel, onOpenArtifact };
}

describe('JobItem', () => {
  it('shows a running job with phase, progress, time left and Cancel', () => {
    const { onCancel } = renderJob(base);
    const bar = screen.getByRole('progressbar', { name: 'Export “Demo”' });
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(screen.getByText('Writing · 42% · about 12 s left')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel Export “Demo”' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('shows a cancelled job as an outcome, not an error', () => {
    renderJob({
      ...base,
      status: 'cancelled',
      error: { code: 'CANCELLED', message: 'The operation was cancelled.' },
    });
    expect(screen.getByText('Cancelled')).toBeTruthy();
    expect(screen.queryByText(/operation was cancelled/)).toBeNull();
  });

  it('explains a failure and offers the file of a finished export', () => {
    renderJob({
      ...base,
      status: 'failed',
      error: { code: 'STORAGE_FAILED', message: 'No space left.' },
    });
    expect(screen.getByText('The studio could not save to disk: No space left.')).toBeTruthy();
    cleanup();
    const artifact = {
      artifactId: `art_${'0'.repeat(32)}`,
      fileName: 'Demo.layerline',
      bytes: 2048,
    };
    const { onOpenArtifact } = renderJob({ ...base, status: 'succeeded', result: artifact });
    fireEvent.click(screen.getByRole('button', { name: 'Get file (2.0 KB)' }));
    expect(onOpenArtifact).toHaveBeenCalledWith(artifact);
  });
});
