/**
 * `npm run bench timeline -- --trace`: where a gesture's time goes, from a Chrome trace taken
 * while it runs. Per thread (renderer main, compositor, raster workers, the display compositor
 * in the GPU process): busy time per frame, and on the busiest ones the events that take it
 * (self time, children subtracted), so a missed frame can be put on script, style, layout,
 * paint, raster or compositing rather than guessed at.
 */
import type { Browser, Page } from '@playwright/test';

interface TraceEvent {
  pid: number;
  tid: number;
  ph: string;
  name: string;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const CATEGORIES = [
  'toplevel',
  'blink',
  'cc',
  'viz',
  'v8',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.gc',
].join(',');

/** Threads worth a line, by the names Chromium gives them (the rest is tracing's own upkeep). */
const THREADS = /^(CrRendererMain|Compositor|ThreadPoolForegroundWorker|VizCompositorThread)/;

/** Starts a trace; the returned function stops it and answers the summary for `frames`. */
export async function startTrace(
  browser: Browser,
  page: Page,
): Promise<(frames: number) => Promise<string[]>> {
  await browser.startTracing(page, { categories: CATEGORIES.split(',') });
  return async (frames) => {
    const buffer = await browser.stopTracing();
    const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
    return summarise(parsed.traceEvents, frames);
  };
}

interface ThreadTimes {
  name: string;
  busy: number;
  self: Map<string, number>;
}

/** Busy time (top-level events) and self time per event name, per thread. */
function threadTimes(events: TraceEvent[]): ThreadTimes[] {
  const names = new Map<string, string>();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name !== undefined) {
      names.set(`${event.pid}:${event.tid}`, event.args.name);
    }
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const key = `${event.pid}:${event.tid}`;
    if (event.ph === 'X' && event.dur !== undefined && THREADS.test(names.get(key) ?? '')) {
      const list = byThread.get(key) ?? [];
      list.push(event);
      byThread.set(key, list);
    }
  }
  const result: ThreadTimes[] = [];
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const stack: { end: number; name: string }[] = [];
    const self = new Map<string, number>();
    let busy = 0;
    for (const event of list) {
      const dur = event.dur ?? 0;
      while (stack.length > 0 && (stack[stack.length - 1]?.end ?? 0) <= event.ts) {
        stack.pop();
      }
      const parent = stack[stack.length - 1];
      if (parent === undefined) {
        busy += dur;
      } else {
        self.set(parent.name, (self.get(parent.name) ?? 0) - dur);
      }
      self.set(event.name, (self.get(event.name) ?? 0) + dur);
      stack.push({ end: event.ts + dur, name: event.name });
    }
    result.push({ name: names.get(key) ?? key, busy: busy / 1000, self });
  }
  return result;
}

/** Lines to print: per thread busy ms per frame; the top self times of the busiest threads. */
export function summarise(events: TraceEvent[], frames = 0): string[] {
  const threads = threadTimes(events);
  const merged = new Map<string, ThreadTimes>();
  for (const thread of threads) {
    const name = thread.name.replace(/\d+$/, '');
    const into = merged.get(name) ?? { name, busy: 0, self: new Map<string, number>() };
    into.busy += thread.busy;
    for (const [event, us] of thread.self) {
      into.self.set(event, (into.self.get(event) ?? 0) + us);
    }
    merged.set(name, into);
  }
  const per = (ms: number) =>
    frames > 0 ? `${(ms / frames).toFixed(2)} ms/frame` : `${ms.toFixed(0)} ms`;
  const lines: string[] = [];
  for (const thread of [...merged.values()].sort((a, b) => b.busy - a.busy)) {
    const top = [...thread.self.entries()]
      .filter(([, us]) => us > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([event, us]) => `${event} ${per(us / 1000)}`);
    lines.push(`${thread.name}: busy ${per(thread.busy)}; ${top.join(', ')}`);
  }
  return lines;
}
