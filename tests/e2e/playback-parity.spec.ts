/**
 * Playback follows the model sample for sample: a project with gains, pans, fades, source
 * offsets, trims, overlaps and a muted track, at an awkward tempo, is rendered by the
 * renderer's Tone.js engine on Tone.Offline in Chromium and by the main process's offline mix
 * renderer. Their difference must stay at or below -60 dBFS.
 */
import { fileURLToPath } from 'node:url';

import { expect, type Page, test } from '@playwright/test';
import { build } from 'vite';

import type { ProjectId } from '../../app/model/ids.ts';
import { renderMix } from '../../main/core/audio/mix/mix-renderer.ts';
import { sine, wavBytes } from '../helpers/audio-fixtures.ts';
import { startTestServices } from '../helpers/services.ts';
import { buildParityProject, importWav } from './parity-project.ts';
import { launchStudio, type Studio } from './studio.ts';

const ENTRY = fileURLToPath(new URL('./fixtures/offline-render-entry.ts', import.meta.url));
const LIMIT_DB = -60;

let studio: Studio;

test.beforeAll(async () => {
  studio = await launchStudio();
});

test.afterAll(async () => {
  await studio.dispose();
});

async function offlineBundle(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: { entry: ENTRY, formats: ['iife'], name: 'LayerlineOffline', fileName: 'offline' },
    },
  });
  const result = Array.isArray(output) ? output[0] : output;
  const chunk = (result as { output: { type: string; code?: string }[] }).output.find(
    (item) => item.type === 'chunk',
  );
  if (chunk?.code === undefined) {
    throw new Error('the offline render bundle was not built');
  }
  return chunk.code;
}

const dbfs = (value: number) => (value <= 0 ? -Infinity : 20 * Math.log10(value));

/** Two imported sources with content everywhere (chords of sines), so any misplaced sample shows. */
async function parityProject(tempo: number) {
  const rate = 48_000;
  // Longer than two playback chunks (2^18 frames each), so clips cross chunk boundaries.
  const frames = rate * 12;
  const chord = (freqs: number[], amp: number) => {
    const out = new Float64Array(frames);
    for (const [k, f] of freqs.entries()) {
      const s = sine(frames, f, rate, amp, k);
      for (let i = 0; i < frames; i += 1) {
        out[i] = (out[i] as number) + (s[i] as number);
      }
    }
    return out;
  };
  const first = wavBytes({
    kind: 'float',
    bits: 32,
    rate,
    channels: [chord([220, 331, 497], 0.1), chord([277, 415], 0.15)],
  });
  const second = wavBytes({
    kind: 'float',
    bits: 32,
    rate,
    channels: [chord([110, 660], 0.15), chord([175, 523, 1031], 0.1)],
  });
  const mediaA = await importWav(studio, first, 'Pads.wav', undefined, tempo);
  const mediaB = await importWav(studio, second, 'Keys.wav', mediaA.projectId);
  return buildParityProject(studio, mediaA, mediaB);
}

type Render = (
  s: unknown,
  a: number,
  b: number,
  loop?: { start: number; end: number },
) => Promise<string>;

/** The renderer's side: the offline render in the studio page, as float32 interleaved. */
async function toneRender(
  page: Page,
  state: unknown,
  start: number,
  end: number,
  loop?: { start: number; end: number },
): Promise<Float32Array> {
  await page.goto(`${studio.url}/#/`);
  await page.evaluate(await offlineBundle());
  const base64 = await page.evaluate(
    async (args) =>
      (window as unknown as { LayerlineOffline: { render: Render } }).LayerlineOffline.render(
        args.state,
        args.start,
        args.end,
        args.loop,
      ),
    { state, start, end, loop },
  );
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

/** The main process's side: its mix renderer over the same stored project (server stopped). */
async function mixRender(
  projectId: ProjectId,
  start: number,
  end: number,
): Promise<[Float32Array, Float32Array]> {
  await studio.stopServer();
  const env = await startTestServices(studio.dataDir);
  try {
    const session = env.services.library.session(projectId);
    return await renderMix((hash) => session.audio.openReader(hash), {
      state: session.state,
      trackIds: 'all',
      range: { start, end },
    });
  } finally {
    await env.stop();
    await studio.startServer();
  }
}

/** Peak of the mix and peak/RMS of the difference, in dBFS. */
function compare(tone: Float32Array, mix: (i: number, channel: number) => number, frames: number) {
  let peak = 0;
  let worst = 0;
  let sumSquares = 0;
  for (let i = 0; i < frames; i += 1) {
    for (const channel of [0, 1]) {
      const value = mix(i, channel);
      peak = Math.max(peak, Math.abs(value));
      const diff = Math.abs((tone[2 * i + channel] as number) - value);
      worst = Math.max(worst, diff);
      sumSquares += diff * diff;
    }
  }
  return { peak: dbfs(peak), worst: dbfs(worst), rms: dbfs(Math.sqrt(sumSquares / (2 * frames))) };
}

test('Tone.js offline playback and the main-process mix agree within -60 dBFS', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const { projectId, state, end } = await parityProject(97);
  const tone = await toneRender(page, state, 0, end);
  const [left, right] = await mixRender(projectId, 0, end);
  expect(tone.length).toBe(left.length * 2);
  const result = compare(tone, (i, c) => (c === 0 ? left : right)[i] as number, left.length);
  const report = `peak of the mix ${result.peak.toFixed(1)} dBFS; difference: peak ${result.worst.toFixed(1)} dBFS, RMS ${result.rms.toFixed(1)} dBFS over ${left.length} frames`;
  console.log(`playback parity: ${report}`);
  await testInfo.attach('parity.txt', { body: report, contentType: 'text/plain' });
  // The mix must actually sound, or agreeing would prove nothing.
  expect(result.peak).toBeGreaterThan(-12);
  expect(result.worst).toBeLessThanOrEqual(LIMIT_DB);
});

test('a looped selection plays the same samples on every pass', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  // 120 bpm: beats are whole samples (24 000), so loop points are exact in both engines.
  const { projectId, state } = await parityProject(120);
  const loop = { start: 24_000, end: 72_000 };
  const frames = Math.round(2.5 * (loop.end - loop.start));
  const tone = await toneRender(page, state, loop.start, loop.start + frames, loop);
  const [left, right] = await mixRender(projectId, loop.start, loop.end);
  const length = loop.end - loop.start;
  const result = compare(tone, (i, c) => (c === 0 ? left : right)[i % length] as number, frames);
  const report = `loop of ${length} frames, ${frames} rendered: difference peak ${result.worst.toFixed(1)} dBFS, RMS ${result.rms.toFixed(1)} dBFS`;
  console.log(`playback parity: ${report}`);
  await testInfo.attach('loop-parity.txt', { body: report, contentType: 'text/plain' });
  expect(result.peak).toBeGreaterThan(-12);
  expect(result.worst).toBeLessThanOrEqual(LIMIT_DB);
});
