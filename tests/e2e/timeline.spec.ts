/**
 * The timeline end to end, as a user works: audio in by drop and by the upload picker, clips
 * moved (snapped, and with Alt unsnapped), trimmed, split, undone and redone; playback with a
 * running clock and a moving playhead; mute and solo heard at once on the master meter; the
 * time selection kept across a reload; zoom levels captured as screenshots; Ctrl+wheel zoom
 * previewed, then laid out around the pointer.
 */
import { expect, test } from '@playwright/test';

import {
  createProject,
  currentProjectId,
  launchStudio,
  openLibrary,
  rpc,
  type Studio,
} from './studio.ts';
import {
  dragBy,
  dropFile,
  expectClipCount,
  storedClips,
  storedState,
  toneWav,
} from './timeline-helpers.ts';

let studio: Studio;

test.beforeAll(async () => {
  studio = await launchStudio();
});

test.afterAll(async () => {
  await studio.dispose();
});

/** At 120 bpm and the default 40 px/s, a beat (960 ticks) is 20 px and the grid is a beat. */
const TICKS_PER_PX = 48;
const BEAT = 960;

test('import by drop and by picker; move, snap, trim, split, undo and redo', async ({ page }) => {
  await openLibrary(page, studio);
  await createProject(page, 'Timeline Edits');
  const projectId = currentProjectId(page);

  await dropFile(
    page,
    page.getByTestId('timeline-below'),
    { name: 'Lead Vox.wav', bytes: toneWav(4) },
    100,
  );
  await expect(page.getByTestId('clip')).toHaveCount(1, { timeout: 20_000 });
  const [dropped] = await expectClipCount(studio, projectId, 1);
  // Dropped 100 px in: 2.5 s, on the beat grid; 4 s of audio is 8 beats long.
  expect(dropped).toMatchObject({ start: 5 * BEAT, length: 8 * BEAT, name: 'Lead Vox' });
  expect((await storedState(studio, projectId)).tracks.map((t) => t.name)).toEqual(['Vocals']);
  await expect(page.getByLabel('Name of track 1', { exact: true })).toHaveValue('Vocals');

  // The upload picker, with nothing selected, puts the audio on a new track at the cursor.
  await page.keyboard.press('Escape');
  await page
    .getByTestId('audio-input')
    .setInputFiles({ name: 'Bass DI.wav', mimeType: 'audio/wav', buffer: toneWav(2, 110) });
  await expectClipCount(studio, projectId, 2);
  await expect(page.getByTestId('track-row')).toHaveCount(2);

  const clip = page.getByTestId('lane').first().getByTestId('clip');
  // Move with snapping: 47 px is 2.35 beats, so the clip lands on the nearest beat.
  await dragBy(page, clip, { x: 60, y: 50 }, { dx: 47 });
  await expect
    .poll(
      async () => (await storedClips(studio, projectId)).find((c) => c.name === 'Lead Vox')?.start,
    )
    .toBe(7 * BEAT);
  // Alt bypasses snapping: 13 px more is 624 ticks more.
  await dragBy(page, clip, { x: 60, y: 50 }, { dx: 13 }, 'Alt');
  await expect
    .poll(
      async () => (await storedClips(studio, projectId)).find((c) => c.name === 'Lead Vox')?.start,
    )
    .toBe(7 * BEAT + 13 * TICKS_PER_PX);
  await expect(page.getByRole('button', { name: 'Undo Move clip' })).toBeEnabled();

  // Trim the right edge 30 px left: the end snaps to a beat.
  const box = await clip.boundingBox();
  await dragBy(page, clip, { x: (box?.width ?? 0) - 2, y: 50 }, { dx: -30 });
  await expect
    .poll(async () => {
      const vox = (await storedClips(studio, projectId)).find((c) => c.name === 'Lead Vox');
      return vox === undefined ? null : (vox.start + vox.length) % BEAT;
    })
    .toBe(0);
  const trimmed = (await storedClips(studio, projectId)).find((c) => c.name === 'Lead Vox');
  expect(trimmed!.length).toBeLessThan(8 * BEAT);
  await expect(page.getByRole('button', { name: 'Undo Trim clip' })).toBeEnabled();

  // Click the ruler two beats into the clip, then S splits it there.
  const ruler = page.getByTestId('timeline-ruler');
  const splitAt = trimmed!.start + 2 * BEAT;
  const splitX = Math.round(splitAt / TICKS_PER_PX / 20) * 20; // the cursor snaps to the beat
  await ruler.click({ position: { x: splitX + 2, y: 30 } });
  await page.keyboard.press('s');
  const halves = (await expectClipCount(studio, projectId, 3)).filter((c) => c.name === 'Lead Vox');
  expect(halves).toHaveLength(2);
  const [left, right] = halves as [typeof trimmed & object, typeof trimmed & object];
  expect(left.start + left.length).toBe(right.start);
  expect(right.start % BEAT).toBe(0);
  expect(left.start).toBe(trimmed!.start);
  expect(right.start + right.length).toBe(trimmed!.start + trimmed!.length);
  expect(right.sourceOffset).toBeGreaterThan(left.sourceOffset);
  await expect(page.getByRole('button', { name: 'Undo Split clip' })).toBeEnabled();

  await page.keyboard.press('Control+z');
  await expectClipCount(studio, projectId, 2);
  await page.keyboard.press('Control+Shift+z');
  await expectClipCount(studio, projectId, 3);
  await page.reload();
  await expect(page.getByTestId('clip')).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Undo Split clip' })).toBeEnabled();
});

test('play: the clock runs and the playhead moves; mute and solo are heard at once', async ({
  page,
}) => {
  await openLibrary(page, studio);
  await createProject(page, 'Timeline Play');
  await dropFile(
    page,
    page.getByTestId('timeline-below'),
    { name: 'Pad.wav', bytes: toneWav(8) },
    0,
  );
  await expect(page.getByTestId('clip')).toHaveCount(1, { timeout: 20_000 });
  await page.getByLabel('Instrument of the new track').selectOption({ label: 'Drums' });
  await page.getByRole('button', { name: 'Add track', exact: true }).click();
  await expect(page.getByTestId('track-row')).toHaveCount(2);

  const clock = page.getByTestId('transport-clock');
  const playhead = page.getByTestId('playhead');
  const playheadX = () =>
    playhead.evaluate((e) => new DOMMatrixReadOnly(getComputedStyle(e).transform).m41);
  await expect(clock).toHaveText('0:00.000');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => clock.textContent()).not.toBe('0:00.000');
  const first = await playheadX();
  await expect.poll(playheadX).toBeGreaterThan(first + 10);

  // The master meter: level while the clip sounds, none once its track is muted or another soloed.
  const level = () =>
    page
      .locator('.meter-bar')
      .first()
      .evaluate((e) => parseFloat((e as HTMLElement).style.getPropertyValue('--level')) || 0);
  await expect.poll(level).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Mute track 1' }).click();
  await expect.poll(level).toBeLessThan(1);
  await page.getByRole('button', { name: 'Mute track 1' }).click();
  await expect.poll(level).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Solo track 2' }).click();
  await expect.poll(level).toBeLessThan(1);
  await page.getByRole('button', { name: 'Solo track 1' }).click();
  await expect.poll(level).toBeGreaterThan(20);

  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const paused = await clock.textContent();
  await page.waitForTimeout(300);
  await expect(clock).toHaveText(paused ?? '');
});

test('the time selection persists; zoom levels; shortcuts, list view and language', async ({
  page,
}, testInfo) => {
  await openLibrary(page, studio);
  await createProject(page, 'Timeline View');
  const projectId = currentProjectId(page);
  await dropFile(
    page,
    page.getByTestId('timeline-below'),
    { name: 'Keys.wav', bytes: toneWav(6, 330) },
    40,
  );
  await expect(page.getByTestId('clip')).toHaveCount(1, { timeout: 20_000 });

  // Drag on the ruler from beat 4 to beat 10: a selection over every track, kept by the studio.
  await dragBy(page, page.getByTestId('timeline-ruler'), { x: 4 * 20 + 3, y: 20 }, { dx: 6 * 20 });
  await expect
    .poll(
      async () =>
        ((await rpc(studio, 'project.getView', { projectId })) as { selection: unknown }).selection,
    )
    .toMatchObject({ start: 4 * BEAT, end: 10 * BEAT });
  await page.reload();
  await expect(page.locator('.lane-selection')).toHaveCount(1);

  const shot = async (name: string) => {
    await page.waitForTimeout(250); // waveforms are redrawn once zooming settles
    await page
      .getByRole('region', { name: 'Timeline' })
      .screenshot({ path: testInfo.outputPath(name) });
  };
  await page.getByRole('button', { name: 'Fit' }).click();
  await shot('timeline-zoom-fit.png');
  await page.getByRole('button', { name: 'Selection' }).click();
  await shot('timeline-zoom-selection.png');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('=');
  }
  await shot('timeline-zoom-in.png');

  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();

  // The list view: every clip as fields a screen reader can reach.
  await page.getByRole('radio', { name: 'List' }).click();
  const gain = page.getByLabel('Gain of clip Keys in dB');
  await gain.fill('-4.5');
  await gain.press('Enter');
  await expect.poll(async () => (await storedClips(studio, projectId))[0]?.gainDb).toBe(-4.5);

  await page.getByLabel('Language').selectOption('ja');
  await expect(page.getByRole('radio', { name: 'タイムライン' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: '再生' })).toBeVisible();
  await page.getByLabel('言語').selectOption('en');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('Ctrl+wheel zoom is previewed by a stretch, then laid out around the pointer', async ({
  page,
}) => {
  await openLibrary(page, studio);
  await createProject(page, 'Wheel Zoom');
  await dropFile(
    page,
    page.getByTestId('timeline-below'),
    { name: 'Pad.wav', bytes: toneWav(6, 220) },
    40,
  );
  const clip = page.getByTestId('clip');
  await expect(clip).toHaveCount(1, { timeout: 20_000 });
  const lane = page.getByTestId('lane').first();
  const before = await clip.boundingBox();
  expect(before).not.toBeNull();
  const { x, width } = before ?? { x: 0, width: 0 };
  const pointer = x + 100;
  await page.mouse.move(pointer, (before?.y ?? 0) + 30);
  await page.keyboard.down('Control');
  for (let i = 0; i < 3; i += 1) {
    await page.mouse.wheel(0, -120);
  }
  // While the wheel turns, the lane is stretched and nothing is laid out again.
  await expect.poll(() => lane.evaluate((element) => element.style.scale)).not.toBe('');
  const laidOut = (element: HTMLElement) => element.offsetWidth;
  expect(await clip.evaluate(laidOut)).toBeCloseTo(width, -1);
  expect((await clip.boundingBox())?.width).toBeGreaterThan(1.5 * width);
  await page.keyboard.up('Control');
  // Once it pauses: the new widths, no stretch, and the time under the pointer stays put.
  await expect.poll(() => lane.evaluate((element) => element.style.scale)).toBe('');
  const after = await clip.boundingBox();
  const factor = (after?.width ?? 0) / width;
  expect(factor).toBeGreaterThan(1.5);
  expect(pointer - (after?.x ?? 0)).toBeCloseTo((pointer - x) * factor, -1);
  // Waveform tiles are drawn again at the new zoom and kept as images, no canvases left.
  await expect(page.locator('.wave-tile-image').first()).toBeVisible();
  await expect(page.locator('.wave-tile canvas')).toHaveCount(0);
});
