/**
 * Playback follows the model sample for sample: a project with gains, pans, fades, source
 * offsets, trims, overlaps and a muted track, at an awkward tempo, is rendered by the
 * renderer's Tone.js engine on Tone.Offline in Chromium and by the main process's offline mix
 * renderer. Their difference must stay at or below -60 dBFS.
 */
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';
import { build } from 'vite';

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

test('Tone.js offline playback and the main-process mix agree within -60 dBFS', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const rate = 48_000;
  // Two sources with content everywhere (so any misplaced sample shows): chords of sines.
  const frames = rate * 5;
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
  const mediaA = await importWav(studio, first, 'Pads.wav');
  const mediaB = await importWav(studio, second, 'Keys.wav', mediaA.projectId);
  const { projectId, state, end } = await buildParityProject(studio, mediaA, mediaB);

  await page.goto(`${studio.url}/#/`);
  await page.evaluate(await offlineBundle());
  const base64 = await page.evaluate(
    async ({ state: projectState, end: last }) =>
      (
        window as unknown as {
          LayerlineOffline: { render: (s: unknown, a: number, b: number) => Promise<string> };
        }
      ).LayerlineOffline.render(projectState, 0, last),
    { state, end },
  );
  const bytes = Buffer.from(base64, 'base64');
  const tone = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);

  await studio.stopServer();
  const env = await startTestServices(studio.dataDir);
  try {
    const session = env.services.library.session(projectId);
    const [left, right] = await renderMix((hash) => session.audio.openReader(hash), {
      state: session.state,
      trackIds: 'all',
      range: { start: 0, end },
    });
    expect(tone.length).toBe(left.length * 2);
    let peak = 0;
    let worst = 0;
    let sumSquares = 0;
    for (let i = 0; i < left.length; i += 1) {
      for (const [channel, value] of [left[i] as number, right[i] as number].entries()) {
        peak = Math.max(peak, Math.abs(value));
        const diff = Math.abs((tone[2 * i + channel] as number) - value);
        worst = Math.max(worst, diff);
        sumSquares += diff * diff;
      }
    }
    const rms = Math.sqrt(sumSquares / (2 * left.length));
    const report = `peak of the mix ${dbfs(peak).toFixed(1)} dBFS; difference: peak ${dbfs(worst).toFixed(1)} dBFS, RMS ${dbfs(rms).toFixed(1)} dBFS over ${left.length} frames`;
    console.log(`playback parity: ${report}`);
    await testInfo.attach('parity.txt', { body: report, contentType: 'text/plain' });
    // The mix must actually sound, or agreeing would prove nothing.
    expect(dbfs(peak)).toBeGreaterThan(-12);
    expect(dbfs(worst)).toBeLessThanOrEqual(LIMIT_DB);
  } finally {
    await env.stop();
    await studio.startServer();
  }
});
