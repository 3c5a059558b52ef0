import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Handlers } from '../../../app/contract/dispatch.ts';
import { CONTRACT_VERSION } from '../../../app/contract/version.ts';
import { StudioError } from '../../../app/errors.ts';
import { StudioProvider } from '../client/studio-context.tsx';
import { fakeStudio } from '../testing/fake-studio.ts';
import { ConnectionGate } from './ConnectionGate.tsx';
import { useHost } from './host-context.ts';

afterEach(cleanup);

function HostName() {
  return <p>Connected to {useHost().host}</p>;
}

function renderGate(hello: Handlers['system.hello']) {
  const studio = fakeStudio({ 'system.hello': hello });
  render(
    <QueryClientProvider client={new QueryClient()}>
      <StudioProvider client={studio.client} onEditError={() => undefined}>
        <ConnectionGate>
          <HostName />
        </ConnectionGate>
      </StudioProvider>
    </QueryClientProvider>,
  );
  return studio;
}

const hello = { contractVersion: CONTRACT_VERSION, appVersion: '0.1.0', host: 'server' } as const;

describe('ConnectionGate', () => {
  it('renders the studio once the handshake succeeds', async () => {
    renderGate(() => hello);
    expect(await screen.findByText('Connected to server')).toBeTruthy();
  });

  it('shows a full-screen message with a retry when the host is unavailable', async () => {
    let up = false;
    const studio = renderGate(() => {
      if (!up) {
        throw new StudioError('UNAVAILABLE', 'The studio server cannot be reached.');
      }
      return hello;
    });
    expect(await screen.findByText('The studio cannot be reached')).toBeTruthy();
    up = true;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Connected to server')).toBeTruthy();
    expect(studio.calls.filter((call) => call.method === 'system.hello')).toHaveLength(2);
  });

  it('asks for a reload, not a retry, when the contract versions differ', async () => {
    renderGate(() => ({ ...hello, contractVersion: CONTRACT_VERSION + 1 }));
    expect(await screen.findByText('This window and the studio do not match')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reload window' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
