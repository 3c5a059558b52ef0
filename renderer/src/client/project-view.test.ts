import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';

import type { ProjectView } from '../../../app/model/view.ts';
import type { Ticks } from '../../../app/timeline/units.ts';
import { deferred, fakeStudio, makeTrack, PROJECT_A } from '../testing/fake-studio.ts';
import { mergeViewPatches, viewKey, ViewSender } from './project-view.ts';

const track = makeTrack('Bass');
const range = (start: number, end: number) => ({
  start: start as Ticks,
  end: end as Ticks,
  trackIds: [track.id],
});

describe('view state in the client', () => {
  it('folds later patches over earlier ones', () => {
    expect(
      mergeViewPatches(
        { selection: range(0, 10), trackHeights: { [track.id]: 100 } },
        { trackHeights: { [track.id]: 120 } },
      ),
    ).toEqual({ selection: range(0, 10), trackHeights: { [track.id]: 120 } });
    expect(mergeViewPatches({ selection: range(0, 10) }, { selection: null })).toEqual({
      selection: null,
    });
  });

  it('shows changes at once and sends what piled up while a call was in flight as one', async () => {
    const first = deferred<ProjectView>();
    const sent: unknown[] = [];
    const studio = fakeStudio({
      'project.setView': ({ patch }) => {
        sent.push(patch);
        return sent.length === 1 ? first.promise : { selection: null, trackHeights: {} };
      },
    });
    const queryClient = new QueryClient();
    queryClient.setQueryData(viewKey(PROJECT_A), { selection: null, trackHeights: {} });
    const sender = new ViewSender({ client: studio.client, queryClient, onError: vi.fn() });
    sender.set(PROJECT_A, { selection: range(0, 960) });
    sender.set(PROJECT_A, { selection: range(0, 1920) });
    sender.set(PROJECT_A, { trackHeights: { [track.id]: 140 } });
    expect(queryClient.getQueryData(viewKey(PROJECT_A))).toEqual({
      selection: range(0, 1920),
      trackHeights: { [track.id]: 140 },
    });
    await vi.waitFor(() => {
      expect(sent).toHaveLength(1);
    });
    first.resolve({ selection: range(0, 960), trackHeights: {} });
    await vi.waitFor(() => {
      expect(sent).toHaveLength(2);
    });
    expect(sent[1]).toEqual({ selection: range(0, 1920), trackHeights: { [track.id]: 140 } });
  });
});
