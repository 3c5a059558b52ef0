/**
 * `npm run bench timeline`: the timeline with 16 tracks of 10-minute clips, in Debian's Chromium
 * against the server host (the built renderer, as users get it).
 *   1. Open time: from navigation to 16 track rows, and to waveforms drawn on every track.
 *   2. Frame times while scrolling (horizontal and vertical) and while zooming (Ctrl+wheel),
 *      from requestAnimationFrame deltas: p50 / p95 / p99 / max and frames over 16.7 ms.
 *      Target: p95 ≤ 16.7 ms.
 *   3. Renderer memory: JS heap (CDP) and the renderer processes' resident size.
 * Each gesture also prints the CPU that Chromium and everything else used meanwhile, and the
 * load average: on a shared machine, frames missed while other processes take the cores are
 * the machine's, not the timeline's.
 * Options: --tracks=N (16), --seconds=S (600), --play (also press play and measure again),
 * --keep (keep the data folder), --data=DIR (write the project there once and reuse it),
 * --only=WORD (only the gestures whose label has WORD), --trace (a Chrome trace per gesture:
 * where its time goes, per thread; tracing itself costs frames, so read its frame times as
 * perturbed). Figures only; nothing fails on a timing.
 * The code that runs in the page is written as strings: this folder is typed for Node, not DOM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type Browser, chromium, type Page } from '@playwright/test';

import { buildRenderer } from '../build.ts';
import { cpuMeter, type CpuShare, rendererRssMb } from './timeline-bench-machine.ts';
import { type BenchProject, writeBenchProject } from './timeline-bench-project.ts';
import { startTrace } from './timeline-bench-trace.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const given = args.find((arg) => arg.startsWith(`--${name}=`));
  return given === undefined ? fallback : Number(given.slice(name.length + 3));
};
const TRACKS = option('tracks', 16);
const SECONDS = option('seconds', 600);
/** One frame at 60 Hz: the target for p95. */
const TARGET_MS = 16.7;
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['main/server/main.ts', '--port', '0', '--data-dir', dataDir],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Layerline is running at (\S+)/.exec(out);
      if (match?.[1] !== undefined) {
        resolve(match[1].replace(/\/$/, ''));
      }
    });
    child.once('exit', (code) => {
      reject(new Error(`the server exited with ${String(code)}`));
    });
  });
  return { url, child };
}

function quantiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    frames: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? 0,
    over: sorted.filter((v) => v > 20).length,
  };
}

function printFrames(label: string, recorded: Recorded): void {
  const { deltas, work, cpu } = recorded;
  const q = quantiles(deltas);
  const f = (v: number) => v.toFixed(1).padStart(6);
  const verdict =
    q.p95 <= TARGET_MS + 0.3 ? 'met' : `missed by ${(q.p95 - TARGET_MS).toFixed(1)} ms`;
  console.log(
    `${label.padEnd(22)} frames ${String(q.frames).padStart(4)} of ${String(Math.round(recorded.wallMs / TARGET_MS)).padStart(4)}  p50 ${f(q.p50)} ms  p95 ${f(q.p95)} ms  p99 ${f(q.p99)} ms  max ${f(q.max)} ms  late (>20 ms): ${q.over} (${((100 * q.over) / Math.max(1, q.frames)).toFixed(1)}%)  p95 ≤ ${TARGET_MS} ms: ${verdict}`,
  );
  const per = (name: string) => ((work[name] ?? 0) / Math.max(1, q.frames)).toFixed(2);
  console.log(
    `${''.padEnd(22)} main thread per frame: script ${per('ScriptDuration')} ms, style ${per('RecalcStyleDuration')} ms, layout ${per('LayoutDuration')} ms, all tasks ${per('TaskDuration')} ms`,
  );
  // Chromium's CPU per frame drawn: the work a frame costs, which machine load changes little
  // (frame times, above, are what that work plus everything else on the cores add up to).
  const cpuPerFrame = (cpu.chromium * recorded.wallMs) / Math.max(1, q.frames);
  console.log(
    `${''.padEnd(22)} CPU meanwhile (of ${cpus().length} cores): Chromium ${cpu.chromium.toFixed(2)} (${cpuPerFrame.toFixed(1)} ms per frame drawn), everything else ${cpu.others.toFixed(2)}; load ${loadavg()[0]?.toFixed(1)}`,
  );
  for (const line of recorded.trace) {
    console.log(`${''.padEnd(22)} trace ${line}`);
  }
}

const WORK = ['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskDuration'] as const;

/** Main-thread work in a scenario (CDP Performance metrics), in ms. */
async function workMeter(
  page: Page,
): Promise<() => Promise<Record<(typeof WORK)[number], number>>> {
  const client = await page.context().newCDPSession(page);
  await client.send('Performance.enable');
  const read = async () => {
    const { metrics } = await client.send('Performance.getMetrics');
    return Object.fromEntries(
      WORK.map((name) => [name, (metrics.find((m) => m.name === name)?.value ?? 0) * 1000]),
    ) as Record<(typeof WORK)[number], number>;
  };
  const before = await read();
  return async () => {
    const after = await read();
    await client.detach();
    return Object.fromEntries(WORK.map((name) => [name, after[name] - before[name]])) as Record<
      (typeof WORK)[number],
      number
    >;
  };
}

interface Recorded {
  deltas: number[];
  work: Record<string, number>;
  wallMs: number;
  cpu: CpuShare;
  trace: string[];
}

/** Starts recording rAF deltas (and main-thread work); the returned function stops and answers. */
async function recordFrames(page: Page, browser: Browser): Promise<() => Promise<Recorded>> {
  const trace = args.includes('--trace') ? await startTrace(browser, page) : null;
  const work = await workMeter(page);
  const cpu = cpuMeter();
  const started = Date.now();
  await page.evaluate(`(() => {
    const state = { deltas: [], last: 0, on: true };
    window.__frames = state;
    const tick = (now) => {
      if (state.last !== 0) state.deltas.push(now - state.last);
      state.last = now;
      if (state.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  return async () => {
    const deltas = await page.evaluate<number[]>(
      `(() => { window.__frames.on = false; return window.__frames.deltas; })()`,
    );
    const wallMs = Date.now() - started;
    const share = cpu();
    return {
      deltas,
      work: await work(),
      wallMs,
      cpu: share,
      trace: trace === null ? [] : await trace(deltas.length),
    };
  };
}

/** Scrolls with real wheel input (Shift+wheel: sideways), one notch per frame, as a user does. */
async function wheelFor(page: Page, axis: 'x' | 'y', step: number, ms: number): Promise<void> {
  const box = await page.getByTestId('timeline-scroll').boundingBox();
  if (box === null) {
    return;
  }
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  const end = Date.now() + ms;
  let direction = 1;
  let turns = Date.now() + ms / 2;
  while (Date.now() < end) {
    if (Date.now() > turns) {
      direction = -direction;
      turns = end;
    }
    await page.mouse.wheel(
      axis === 'x' ? step * direction : 0,
      axis === 'y' ? step * direction : 0,
    );
    await page.waitForTimeout(16);
  }
}

/** Scrolls the timeline by `step` px per frame for `ms`, back and forth, as a steady drag would. */
async function scrollFor(page: Page, axis: 'x' | 'y', step: number, ms: number): Promise<void> {
  const key = axis === 'x' ? 'scrollLeft' : 'scrollTop';
  const size = axis === 'x' ? 'scrollWidth - s.clientWidth' : 'scrollHeight - s.clientHeight';
  await page.evaluate(`new Promise((resolve) => {
    const s = document.querySelector('[data-testid="timeline-scroll"]');
    const end = performance.now() + ${ms};
    let direction = 1;
    const frame = () => {
      const max = s.${size};
      const next = s.${key} + ${step} * direction;
      if (next > max || next < 0) direction = -direction;
      s.${key} += ${step} * direction;
      if (performance.now() < end) requestAnimationFrame(frame); else resolve();
    };
    requestAnimationFrame(frame);
  })`);
}

async function memory(page: Page, label: string): Promise<void> {
  const client = await page.context().newCDPSession(page);
  await client.send('HeapProfiler.collectGarbage');
  await client.send('Performance.enable');
  const { metrics } = await client.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  console.log(
    `${label.padEnd(22)} JS heap ${(get('JSHeapUsedSize') / 1e6).toFixed(0)} MB used / ${(get('JSHeapTotalSize') / 1e6).toFixed(0)} MB; DOM nodes ${get('Nodes')}; renderer RSS ${rendererRssMb().toFixed(0)} MB`,
  );
  await client.detach();
}

async function zoomFor(page: Page, steps: number, direction: 1 | -1): Promise<void> {
  const box = await page.getByTestId('timeline-scroll').boundingBox();
  if (box === null) {
    return;
  }
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await page.keyboard.down('Control');
  for (let i = 0; i < steps; i += 1) {
    await page.mouse.wheel(0, -120 * direction);
    await page.waitForTimeout(30);
  }
  await page.keyboard.up('Control');
}

/** Opens the project; answers ms to all track rows and to waveforms drawn on every track. */
async function openProject(page: Page, url: string, projectId: string): Promise<[number, number]> {
  await page.goto(`${url}/#/`);
  await page.getByRole('heading', { name: 'Projects' }).waitFor();
  const start = process.hrtime.bigint();
  await page.goto(`${url}/#/project/${projectId}`);
  await page
    .getByTestId('track-row')
    .nth(TRACKS - 1)
    .waitFor({ timeout: 60_000 });
  const rows = seconds(start) * 1000;
  // wavesurfer draws into a shadow root per tile, then the tile keeps it as an image: count
  // tiles that have either.
  const visibleTracks = Math.min(TRACKS, 8);
  // (Polled with evaluate: waitForFunction evaluates strings, which the page's CSP forbids.)
  const drawn = `[...document.querySelectorAll('.wave-tile-canvas')].filter((t) => t.querySelector('img') || t.firstElementChild?.shadowRoot?.querySelector('canvas')).length`;
  const deadline = Date.now() + 120_000;
  while ((await page.evaluate<number>(drawn)) < visibleTracks && Date.now() < deadline) {
    await page.waitForTimeout(20);
  }
  return [rows, seconds(start) * 1000];
}

/** The gestures, each measured on its own; `--only=WORD` keeps those whose label has WORD. */
const GESTURES: { label: string; run: (page: Page) => Promise<void> }[] = [
  { label: 'wheel sideways', run: (page) => wheelFor(page, 'x', 40, 4000) },
  { label: 'wheel up and down', run: (page) => wheelFor(page, 'y', 20, 2000) },
  { label: 'script scroll sideways', run: (page) => scrollFor(page, 'x', 40, 4000) },
  { label: 'script scroll vertical', run: (page) => scrollFor(page, 'y', 12, 2000) },
  {
    label: 'zoom (Ctrl+wheel)',
    run: async (page) => {
      await zoomFor(page, 24, 1);
      await zoomFor(page, 24, -1);
      await page.waitForTimeout(500); // waveforms are drawn again once zooming settles
    },
  },
  {
    label: 'zoom to fit + redraw',
    run: async (page) => {
      await page.keyboard.press('Shift+Z');
      await page.waitForTimeout(600);
    },
  },
];

async function interact(page: Page, browser: Browser): Promise<void> {
  const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  for (const gesture of GESTURES) {
    if (only === undefined || gesture.label.includes(only)) {
      const stop = await recordFrames(page, browser);
      await gesture.run(page);
      printFrames(gesture.label, await stop());
    }
  }
}

async function play(page: Page, browser: Browser): Promise<void> {
  const start = process.hrtime.bigint();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.getByRole('button', { name: 'Pause' }).waitFor({ timeout: 300_000 });
  console.log(`play: sound after ${(seconds(start) * 1000).toFixed(0)} ms`);
  const stop = await recordFrames(page, browser);
  await page.waitForTimeout(3000);
  printFrames('playing (follow)', await stop());
  await memory(page, 'memory while playing');
}

/** The bench project in `dataDir`: the one written there before (--data) or a new one. */
async function benchProject(dataDir: string): Promise<BenchProject> {
  const note = join(dataDir, 'bench-project.json');
  try {
    const kept = JSON.parse(await readFile(note, 'utf8')) as BenchProject;
    if (kept.trackCount === TRACKS && kept.seconds === SECONDS) {
      return kept;
    }
  } catch {
    // None there yet: write it.
  }
  const project = await writeBenchProject(dataDir, { tracks: TRACKS, seconds: SECONDS });
  await writeFile(note, JSON.stringify(project));
  return project;
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  let start = process.hrtime.bigint();
  await buildRenderer();
  console.log(`built the renderer in ${seconds(start).toFixed(1)} s`);
  const given = args.find((arg) => arg.startsWith('--data='))?.slice('--data='.length);
  const dataDir = given ?? (await mkdtemp(join(tmpdir(), 'layerline-timeline-bench-')));
  start = process.hrtime.bigint();
  const project = await benchProject(dataDir);
  console.log(
    `${TRACKS} tracks × ${SECONDS} s of distinct media ready in ${seconds(start).toFixed(1)} s`,
  );
  const server = await startServer(dataDir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--enable-precise-memory-info',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const [rows, waves] = await openProject(page, server.url, project.projectId);
    console.log(
      `open: ${TRACKS} track rows after ${rows.toFixed(0)} ms; waveforms drawn after ${waves.toFixed(0)} ms`,
    );
    await page.waitForTimeout(1000);
    await memory(page, 'memory after open');
    await interact(page, browser);
    await memory(page, 'memory after zooming');
    if (args.includes('--play')) {
      await play(page, browser);
    }
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    if (given === undefined && !args.includes('--keep')) {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

await main();
