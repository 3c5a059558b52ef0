/**
 * The generation workflows end to end: the real server host with analytic model packs (and a
 * tiny random-weight LM) installed in its data folder, the real inference process, the panel
 * driven the way a user does. One scenario per workflow: the result lands on the right track,
 * at the right position and length, and undo removes it; cancel leaves nothing; a server that
 * dies mid-run shows the run as failed afterwards (never lost) and it can be retried.
 * Screenshots of each panel go to test-results.
 */
import { join } from 'node:path';

import { expect, type Page, test } from '@playwright/test';

import { writeTinyLmPack } from '../../tools/fixtures/packs/tiny-lm-pack.ts';
import { wavBytes } from '../helpers/audio-fixtures.ts';
import { SLOW_DIT, writeWorkflowPacks } from '../helpers/workflow-studio.ts';
import {
  createProject,
  currentProjectId,
  launchStudio,
  openLibrary,
  rpc,
  type Studio,
} from './studio.ts';
import { expectClipCount, storedClips, storedState } from './timeline-helpers.ts';

/** 120 bpm: a second is 1920 ticks. */
const SECOND = 1920;
const RUN = 90_000;

let studio: Studio;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  studio = await launchStudio({
    prepare: async (dataDir) => {
      const models = join(dataDir, 'models');
      await writeWorkflowPacks(models, 20);
      await writeTinyLmPack(models, {
        id: 'lm-0.6b',
        seed: 3,
        maxTokens: 2048,
        captionMaxTokens: 12,
        lyricsMaxTokens: 12,
      });
    },
  });
});

test.afterAll(async () => {
  await studio.dispose();
});

/** Audio constant over each 1920-sample hop (exact through the analytic VAE), as a float WAV. */
function steppedWav(seconds: number): Buffer {
  const frames = seconds * 48_000;
  const left = new Float64Array(frames);
  const right = new Float64Array(frames);
  for (let i = 0; i < frames; i += 1) {
    const hop = Math.floor(i / 1920);
    left[i] = ((hop % 7) - 3) / 16;
    right[i] = ((hop % 5) - 2) / 32;
  }
  return wavBytes({ kind: 'float', bits: 32, rate: 48_000, channels: [left, right] });
}

/** The samples of a stored studio file (48 kHz stereo float WAV), left channel. */
async function storedLeft(hash: string): Promise<Float32Array> {
  const bytes = Buffer.from(await (await fetch(`${studio.url}/media/${hash}`)).arrayBuffer());
  let at = 12;
  while (at + 8 <= bytes.length && bytes.toString('ascii', at, at + 4) !== 'data') {
    at += 8 + bytes.readUInt32LE(at + 4);
  }
  const frames = bytes.readUInt32LE(at + 4) / 8;
  const left = new Float32Array(frames);
  for (let i = 0; i < frames; i += 1) {
    left[i] = bytes.readFloatLE(at + 8 + i * 8);
  }
  return left;
}

async function openTab(page: Page, tab: string): Promise<void> {
  const panel = page.getByTestId('workflow-panel');
  if (!(await panel.isVisible())) {
    await page.getByRole('button', { name: 'Generate', exact: true }).first().click();
  }
  await panel.getByRole('navigation').getByRole('button', { name: tab, exact: true }).click();
}

async function expectDone(page: Page): Promise<void> {
  await expect(page.getByTestId('run-status')).toContainText('Done:', { timeout: RUN });
}

/** The toolbar's Undo button (its name says what it undoes). */
async function undo(page: Page, what: string): Promise<void> {
  await page.getByRole('button', { name: `Undo ${what}` }).click();
}

/** A project with a 6 s stepped drum clip at 0 on its own track. */
async function projectWithClip(page: Page, name: string): Promise<string> {
  await openLibrary(page, studio);
  await createProject(page, name);
  await page
    .getByTestId('audio-input')
    .setInputFiles({ name: 'Drums.wav', mimeType: 'audio/wav', buffer: steppedWav(6) });
  await expectClipCount(studio, currentProjectId(page), 1);
  return currentProjectId(page);
}

async function selectRange(projectId: string, start: number, end: number): Promise<void> {
  await rpc(studio, 'project.setView', {
    projectId,
    patch: { selection: { start, end, trackIds: [] } },
  });
}

test('generate: a batch lands as takes of one clip on a new track; undo removes it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openLibrary(page, studio);
  await createProject(page, 'Songs');
  const projectId = currentProjectId(page);
  await openTab(page, 'Song');
  const panel = page.getByTestId('workflow-panel');
  // Simple mode: the LM drafts the song, shown in custom mode for editing.
  await panel.getByRole('radio', { name: 'Simple' }).click();
  await panel.getByLabel('Describe the song in a sentence').fill('a calm piano piece');
  await panel.getByRole('button', { name: 'Write it' }).click();
  await expect(panel.getByText('The LM wrote this for you')).toBeVisible({ timeout: RUN });
  await panel.getByLabel('Caption').fill('warm synth pads');
  await expect(panel.getByText('15 / 2000')).toBeVisible();
  await panel.getByLabel('Instrumental (no vocals)').check();
  await panel.getByLabel('Duration (s)').fill('4');
  await panel.getByText('Advanced').click();
  await panel.getByLabel('Takes (batch)').fill('2');
  await panel.getByLabel('Seed').fill('5');
  await page.screenshot({ path: test.info().outputPath('panel-generate.png') });
  await panel.locator('.wf-body').getByRole('button', { name: 'Generate', exact: true }).click();
  await expectDone(page);
  const [clip] = await expectClipCount(studio, projectId, 1);
  expect(clip).toMatchObject({ start: 0, length: 4 * SECOND, sourceOffset: 0 });
  const snapshot = (await rpc(studio, 'project.get', { projectId })) as {
    state: { takes?: Record<string, { seed: number }[]> };
  };
  expect(snapshot.state.takes?.[clip!.id]?.map((take) => take.seed)).toEqual([5, 6]);

  // The takes, one click away: play at matched loudness, use another.
  await openTab(page, 'Takes');
  await expect(panel.getByTestId('take')).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('panel-takes.png') });
  const media = async () =>
    ((await storedClips(studio, projectId))[0] as unknown as { mediaHash: string }).mediaHash;
  const first = await media();
  await panel.getByRole('button', { name: 'Use Take 2 · seed 6' }).click();
  await expect.poll(media).not.toBe(first);
  await panel.getByRole('button', { name: 'Show what made this' }).click();
  await expect(page.getByTestId('lineage-step').first()).toContainText('generate');
  await page.screenshot({ path: test.info().outputPath('panel-lineage.png') });
  await page.keyboard.press('Escape');
  await undo(page, 'Edit clip');
  await expect.poll(media).toBe(first);
  await undo(page, 'Generate');
  await expectClipCount(studio, projectId, 0);
  expect((await storedState(studio, projectId)).tracks).toHaveLength(0);
});

test('add layer: the new layer lands on a track of its class over the selection, aligned', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const projectId = await projectWithClip(page, 'Layers');
  await selectRange(projectId, 1 * SECOND, 3 * SECOND);
  await openTab(page, 'Add layer');
  const panel = page.getByTestId('workflow-panel');
  await panel.getByLabel('Instrument').selectOption({ label: 'Bass' });
  await page.screenshot({ path: test.info().outputPath('panel-add-layer.png') });
  await panel.locator('.wf-body').getByRole('button', { name: 'Add layer' }).click();
  await expectDone(page);
  const state = await storedState(studio, projectId);
  expect(state.tracks.map((track) => track.name)).toEqual(['Drums', 'Bass']);
  const layer = state.clips.find((clip) => clip.trackId === state.tracks[1]!.id);
  // The range fills the window, so the context is padded by 1 s: the window starts at 0.
  expect(layer).toMatchObject({ start: 1 * SECOND, length: 2 * SECOND, sourceOffset: 48_000 });
  await undo(page, 'Add layer');
  await expectClipCount(studio, projectId, 1);
});

test('repaint, extend, stems, accompaniment, cover and analyse on one clip', async ({ page }) => {
  test.setTimeout(300_000);
  const projectId = await projectWithClip(page, 'Edits');
  const [source] = await storedClips(studio, projectId);
  await page.getByTestId('clip').first().click();
  const panel = page.getByTestId('workflow-panel');

  // Repaint 1 s to 2 s: a new version, the same sample for sample outside the region.
  await selectRange(projectId, 1 * SECOND, 2 * SECOND);
  await openTab(page, 'Repaint');
  await expect(panel.getByTestId('repaint-region')).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('panel-repaint.png') });
  await panel.locator('.wf-body').getByRole('button', { name: 'Repaint', exact: true }).click();
  await expectDone(page);
  const repainted = (await storedClips(studio, projectId))[0]!;
  expect({ ...repainted, mediaHash: undefined }).toMatchObject({ ...source, mediaHash: undefined });
  const before = await storedLeft((source as unknown as { mediaHash: string }).mediaHash);
  const after = await storedLeft((repainted as unknown as { mediaHash: string }).mediaHash);
  expect(after.length).toBe(before.length);
  const changed = after.findIndex((value, i) => (i < 48_000 || i >= 96_000) && value !== before[i]);
  expect(changed).toBe(-1);
  expect(after[72_000]).not.toBe(before[72_000]);
  await undo(page, 'Repaint');
  await expect
    .poll(async () => (await storedClips(studio, projectId))[0] as unknown)
    .toMatchObject(source as unknown as Record<string, unknown>);

  // Extend after the clip: the new part lands right after it.
  // A run selects what it placed; after its undo, select the source clip again.
  // Dragging the clip's end past its audio shows the part the model would add, then offers
  // to extend by the length dragged (snapped to the beat grid: 1 s at 40 px/s, 120 bpm).
  const clipView = page.getByTestId('clip').first();
  const box = (await clipView.boundingBox())!;
  await page.mouse.move(box.x + box.width - 2, box.y + 50);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + 39, box.y + 50, { steps: 6 });
  await expect(page.getByTestId('extend-ghost')).toContainText('Extend +1.0 s');
  await page.mouse.up();
  await expect(page.getByTestId('extend-ghost')).toHaveCount(0);
  const offer = page.getByTestId('extend-offer');
  await expect(offer).toContainText('Generate the missing 1.0 s');
  await page.screenshot({ path: test.info().outputPath('extend-offer.png') });
  // The trim itself stopped at the audio's end: no edit.
  const trimmed = await storedClips(studio, projectId);
  expect(trimmed).toHaveLength(1);
  expect(trimmed[0]).toMatchObject({ start: source!.start, length: source!.length });
  await offer.getByRole('button', { name: 'Extend…' }).click();
  await expect(offer).toHaveCount(0);
  await expect(panel.getByRole('radio', { name: 'After the clip' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await expect(panel.getByLabel('Add (seconds)')).toHaveValue('1.0');
  await panel.getByLabel('Context heard (seconds)').fill('2');
  await page.screenshot({ path: test.info().outputPath('panel-extend.png') });
  await panel.locator('.wf-body').getByRole('button', { name: 'Extend', exact: true }).click();
  await expectDone(page);
  const extended = await expectClipCount(studio, projectId, 2);
  expect(extended[1]).toMatchObject({
    start: 6 * SECOND,
    length: 1 * SECOND,
    sourceOffset: 96_000,
  });
  await undo(page, 'Extend clip');
  await expectClipCount(studio, projectId, 1);

  // Stems: one aligned track per class plus the residual, with its meter.
  await page.getByTestId('clip').first().click();
  await openTab(page, 'Stems');
  for (const name of ['Guitar', 'Keyboard', 'Strings', 'Bass']) {
    await panel.getByLabel(name, { exact: true }).uncheck();
  }
  await panel.locator('.wf-body').getByRole('button', { name: 'Extract stems' }).click();
  await expectDone(page);
  await expect(panel.getByTestId('residual-meter')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('panel-stems.png') });
  const stems = await storedState(studio, projectId);
  expect(
    stems.tracks
      .map((track) => track.name)
      .slice(1)
      .sort(),
  ).toEqual(['Drums', 'Other (residual)', 'Vocals']);
  for (const clip of stems.clips) {
    expect(clip).toMatchObject({ start: 0, length: 6 * SECOND });
  }
  await undo(page, 'Extract stems');
  await expectClipCount(studio, projectId, 1);

  // Accompaniment split into two instruments, under the clip's track.
  await page.getByTestId('clip').first().click();
  await openTab(page, 'Accompaniment');
  await panel.getByLabel('Keyboard', { exact: true }).uncheck();
  await panel.getByLabel('Split into one track per instrument').check();
  await page.screenshot({ path: test.info().outputPath('panel-accompaniment.png') });
  await panel.locator('.wf-body').getByRole('button', { name: 'Add accompaniment' }).click();
  await expectDone(page);
  const accompanied = await storedState(studio, projectId);
  expect(accompanied.tracks.map((track) => track.name)).toEqual([
    'Drums',
    'Accompaniment for Drums',
    'Drums',
    'Bass',
  ]);
  await undo(page, 'Add accompaniment');
  await expectClipCount(studio, projectId, 1);

  // Cover on a new track under the clip.
  await page.getByTestId('clip').first().click();
  await openTab(page, 'Cover');
  await panel.getByLabel('Caption').fill('bossa nova');
  // A clip dragged from the timeline onto the panel becomes the style reference; it stays put.
  const dropZone = panel.getByTestId('reference-drop');
  await dropZone.scrollIntoViewIfNeeded();
  const clipBox = (await page.getByTestId('clip').first().boundingBox())!;
  const zoneBox = (await dropZone.boundingBox())!;
  await page.mouse.move(clipBox.x + 60, clipBox.y + 50);
  await page.mouse.down();
  await page.mouse.move(zoneBox.x + zoneBox.width / 2, zoneBox.y + zoneBox.height / 2, {
    steps: 8,
  });
  await expect(dropZone).toHaveClass(/is-over/);
  await page.mouse.up();
  await expect(dropZone).toContainText('Reference: Drums');
  await expect(dropZone).not.toHaveClass(/is-over/);
  expect((await storedClips(studio, projectId))[0]).toMatchObject({
    start: source!.start,
    trackId: source!.trackId,
  });
  await page.screenshot({ path: test.info().outputPath('panel-cover.png') });
  await panel.locator('.wf-body').getByRole('button', { name: 'Make a cover' }).click();
  await expectDone(page);
  const covered = await expectClipCount(studio, projectId, 2);
  expect(covered[1]).toMatchObject({ start: 0, length: 6 * SECOND });
  await undo(page, 'Cover');
  await expectClipCount(studio, projectId, 1);

  // Analyse: the LM's reading of the clip, and the project's tempo and key from it.
  await page.getByTestId('clip').first().click();
  await openTab(page, 'Analyse');
  await panel.locator('.wf-body').getByRole('button', { name: 'Analyse the clip' }).click();
  await expect(panel.getByTestId('analysis')).toBeVisible({ timeout: RUN });
  await page.screenshot({ path: test.info().outputPath('panel-analyse.png') });
  await panel.getByRole('button', { name: 'Set the project’s tempo and key' }).click();
  await expect(page.getByRole('button', { name: 'Undo Change project settings' })).toBeEnabled();
});

test('cancel leaves nothing; a server that dies mid-run shows it failed, and it retries', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openLibrary(page, studio);
  await createProject(page, 'Jobs');
  const projectId = currentProjectId(page);
  const panel = page.getByTestId('workflow-panel');
  const slowSong = async () => {
    await openTab(page, 'Song');
    await panel.getByLabel('Caption').fill('slow');
    await panel.getByLabel('Duration (s)').fill('4');
    await panel.getByLabel('Model').selectOption(SLOW_DIT);
    await panel.locator('.wf-body').getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(page.getByTestId('run-status')).toContainText('Generating', { timeout: RUN });
  };
  await slowSong();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Cancelled:', { timeout: RUN });
  expect(await storedClips(studio, projectId)).toHaveLength(0);

  await slowSong();
  await studio.killServer();
  await studio.startServer();
  await page.reload();
  await page.getByRole('button', { name: 'Jobs', exact: true }).click();
  const tray = page.locator('#jobs-tray');
  await expect(tray.getByText('The studio stopped while this job was running.')).toBeVisible();
  expect(await storedClips(studio, projectId)).toHaveLength(0);
  await page.screenshot({ path: test.info().outputPath('jobs-after-restart.png') });
  await tray
    .getByRole('button', { name: /^Retry: Generate “slow”$/ })
    .first()
    .click();
  // The retried run starts over on the slow model.
  const [placed] = await expectClipCount(studio, projectId, 1, RUN);
  // From anywhere, the finished run's clips are one click away: the project opens with them
  // selected.
  await openLibrary(page, studio);
  // The tray stays open across screens.
  await expect(tray).toBeVisible();
  await tray.getByRole('button', { name: 'Show on the timeline' }).first().click();
  await expect(page).toHaveURL(new RegExp(projectId));
  await expect(page.locator(`[data-clip-id="${placed!.id}"]`)).toHaveAttribute(
    'aria-selected',
    'true',
  );
});
