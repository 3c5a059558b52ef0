import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { InferenceStatus } from '../../../../app/contract/inference-status.ts';
import type { ProvidersReport } from '../../../../app/contract/models.ts';
import { ProviderInUse } from './ProviderInUse.tsx';

afterEach(cleanup);

const providers: ProvidersReport = {
  preferred: 'cuda',
  why: 'An NVIDIA GPU with CUDA 12 was found.',
  providers: [],
};

function shown(status: InferenceStatus | undefined): string {
  render(<ProviderInUse providers={providers} status={status} />);
  return screen.getByTestId('provider-in-use').textContent;
}

describe('ProviderInUse', () => {
  it('shows the expected provider before any model has loaded', () => {
    expect(shown({ available: true, inUse: null, sessions: [] })).toBe(
      'Not loaded yet; expected: CUDA. An NVIDIA GPU with CUDA 12 was found.',
    );
  });

  it('shows the provider in use and why the expected one was passed over', () => {
    const report = {
      session: 'vae/vae_decoder',
      provider: 'cpu' as const,
      fallbacks: [
        { provider: 'cuda' as const, reason: 'libcudnn.so.9: cannot open shared object' },
      ],
    };
    expect(shown({ available: true, inUse: report, sessions: [report] })).toBe(
      'In use: CPU — CUDA was not usable: libcudnn.so.9: cannot open shared object',
    );
  });

  it('gives the detection’s reason when the expected provider is the one in use', () => {
    const report = { session: 'vae/vae_decoder', provider: 'cuda' as const, fallbacks: [] };
    expect(shown({ available: true, inUse: report, sessions: [report] })).toBe(
      'In use: CUDA — An NVIDIA GPU with CUDA 12 was found.',
    );
  });

  it('says so when the studio has no inference engine', () => {
    expect(shown({ available: false, inUse: null, sessions: [] })).toMatch(
      /^This studio runs without the inference engine; expected: CUDA\./,
    );
  });
});
