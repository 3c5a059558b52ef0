import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { type NativeEventSource, resilientEventSource } from './resilient-event-source.ts';

interface FakeSource extends NativeEventSource {
  readyState: number;
  closed: boolean;
}

function fakeFactory() {
  const opened: FakeSource[] = [];
  const open = (): NativeEventSource => {
    const source: FakeSource = {
      readyState: 0,
      closed: false,
      onopen: null,
      onmessage: null,
      onerror: null,
      close() {
        source.closed = true;
        source.readyState = 2;
      },
    };
    opened.push(source);
    return source;
  };
  return { opened, open };
}

const fire = (handler: ((event: never) => unknown) | null, event: unknown) => {
  (handler as ((event: unknown) => unknown) | null)?.(event);
};

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('resilientEventSource', () => {
  it('forwards open, message and error to the handlers the transport sets', () => {
    const { opened, open } = fakeFactory();
    const source = resilientEventSource('/events', open);
    const seen: string[] = [];
    source.onopen = () => seen.push('open');
    source.onmessage = (event) => seen.push(`message ${event.data}`);
    source.onerror = () => seen.push('error');
    const inner = opened[0]!;
    fire(inner.onopen, {});
    fire(inner.onmessage, { data: '{"event":"x"}' });
    inner.readyState = 0; // the browser is retrying by itself
    fire(inner.onerror, {});
    vi.advanceTimersByTime(10_000);
    expect(seen).toEqual(['open', 'message {"event":"x"}', 'error']);
    expect(opened).toHaveLength(1);
  });

  it('opens a new stream when the browser gives up on the old one', () => {
    const { opened, open } = fakeFactory();
    const source = resilientEventSource('/events', open, { retryMs: 500 });
    const opens: number[] = [];
    source.onopen = () => opens.push(opened.length);
    const first = opened[0]!;
    first.readyState = 2;
    fire(first.onerror, {});
    expect(first.closed).toBe(true);
    vi.advanceTimersByTime(499);
    expect(opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(opened).toHaveLength(2);
    fire(opened[1]!.onopen, {});
    expect(opens).toEqual([2]);
  });

  it('stays closed once closed, with no retry pending', () => {
    const { opened, open } = fakeFactory();
    const source = resilientEventSource('/events', open, { retryMs: 100 });
    const first = opened[0]!;
    first.readyState = 2;
    fire(first.onerror, {});
    source.close();
    vi.advanceTimersByTime(1000);
    expect(opened).toHaveLength(1);
  });
});
