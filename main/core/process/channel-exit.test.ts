import { describe, expect, it } from 'vitest';

import { type ChannelExit, channelExitLatch } from './channel-exit.ts';

describe('channelExitLatch', () => {
  it('tells each listener the first exit once, and a late listener at once', () => {
    const latch = channelExitLatch();
    const seen: [string, ChannelExit][] = [];
    latch.onExit((exit) => seen.push(['early', exit]));
    const off = latch.onExit((exit) => seen.push(['removed', exit]));
    off();
    expect(latch.current()).toBeNull();
    latch.settle({ code: 3, signal: null });
    latch.settle({ code: null, signal: 'SIGKILL' });
    expect(latch.current()).toEqual({ code: 3, signal: null });
    const offLate = latch.onExit((exit) => seen.push(['late', exit]));
    offLate();
    expect(seen).toEqual([
      ['early', { code: 3, signal: null }],
      ['late', { code: 3, signal: null }],
    ]);
  });
});
