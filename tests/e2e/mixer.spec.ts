/** Track list edits: mute, solo, volume, pan, instrument, order and delete persist across reloads. */
import { expect, test } from '@playwright/test';

import {
  addTrack,
  createProject,
  currentProjectId,
  expectTrackNames,
  launchStudio,
  openLibrary,
  rpc,
  storedTracks,
  type Studio,
  trackRows,
} from './studio.ts';

let studio: Studio;

test.beforeAll(async () => {
  studio = await launchStudio();
});

test.afterAll(async () => {
  await studio.dispose();
});

test('mute, solo, volume and pan persist across a reload', async ({ page }) => {
  await openLibrary(page, studio);
  await createProject(page, 'Mix Down');
  const projectId = currentProjectId(page);
  await addTrack(page, 'Drums');
  await addTrack(page, 'Bass');

  await page.getByRole('button', { name: 'Mute track 1' }).click();
  await page.getByRole('button', { name: 'Solo track 2' }).click();
  await page.getByLabel('Volume of track 1').fill('-6');
  await page.getByLabel('Pan of track 2').fill('-0.5');

  await expect(page.getByRole('button', { name: 'Mute track 1' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByLabel('Pan of track 2')).toHaveAttribute('aria-valuetext', 'L 50');
  await expect(page.getByRole('button', { name: 'Undo Change track pan' })).toBeEnabled();
  await expect
    .poll(() => storedTracks(studio, projectId))
    .toEqual([
      { name: 'Drums', mute: true, solo: false, gainDb: -6, pan: 0 },
      { name: 'Bass', mute: false, solo: true, gainDb: 0, pan: -0.5 },
    ]);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Mute track 1' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByRole('button', { name: 'Solo track 1' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await expect(page.getByRole('button', { name: 'Solo track 2' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByLabel('Volume of track 1')).toHaveValue('-6');
  await expect(page.getByLabel('Volume of track 1')).toHaveAttribute('aria-valuetext', '-6.0 dB');
  await expect(page.getByLabel('Pan of track 2')).toHaveValue('-0.5');
  await expect(page.getByText('Solo active')).toBeVisible();
});

test('one slider drag is one undo step', async ({ page }) => {
  await openLibrary(page, studio);
  await createProject(page, 'Drag Check');
  await addTrack(page, 'Strings');
  const slider = page.getByLabel('Volume of track 1');
  const box = await slider.boundingBox();
  if (box === null) {
    throw new Error('the volume slider is not visible');
  }
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= 10; step += 1) {
    await page.mouse.move(box.x + box.width * (0.8 - step * 0.04), box.y + box.height / 2);
  }
  await page.mouse.up();
  await expect(page.getByRole('button', { name: 'Undo Change track volume' })).toBeEnabled();
  await page.getByRole('button', { name: 'Undo Change track volume' }).click();
  // The single undo step goes straight back to the track as it was added.
  await expect(page.getByRole('button', { name: 'Undo Add track' })).toBeEnabled();
  await expect(slider).toHaveValue('0');
});

test('tracks reorder with buttons and Alt+Arrow, change instrument, and delete', async ({
  page,
}) => {
  await openLibrary(page, studio);
  await createProject(page, 'Order Check');
  await addTrack(page, 'Vocals');
  await addTrack(page, 'Keyboard');
  await addTrack(page, 'Synth');

  await page.getByRole('button', { name: 'Move track 3 up' }).click();
  await expectTrackNames(page, ['Vocals', 'Synth', 'Keyboard']);
  await page.getByLabel('Name of track 1', { exact: true }).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expectTrackNames(page, ['Synth', 'Vocals', 'Keyboard']);
  // Focus follows the moved track, so the keys can move it again.
  await expect(page.getByLabel('Name of track 2', { exact: true })).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expectTrackNames(page, ['Synth', 'Keyboard', 'Vocals']);
  await page.keyboard.press('Alt+ArrowUp');
  await expectTrackNames(page, ['Synth', 'Vocals', 'Keyboard']);

  await page.getByLabel('Instrument of track 3', { exact: true }).selectOption('Guitar');
  await expect(page.getByRole('button', { name: 'Undo Change instrument' })).toBeEnabled();
  await page.getByLabel('Instrument of track 1', { exact: true }).selectOption('Custom…');
  const custom = page.getByLabel('Instrument of track 1: custom label');
  await custom.fill('Choir pad');
  await custom.press('Enter');
  await expect(page.getByRole('button', { name: 'Undo Change instrument' })).toBeEnabled();

  await page.getByLabel('Colour of track 3').fill('#1188cc');
  await expect(page.getByRole('button', { name: 'Undo Change track colour' })).toBeEnabled();

  await page.getByRole('button', { name: 'Delete track 2' }).click();
  await expectTrackNames(page, ['Synth', 'Keyboard']);
  await page.reload();
  await expectTrackNames(page, ['Synth', 'Keyboard']);
  await expect(page.getByLabel('Instrument of track 2', { exact: true })).toHaveValue('guitar');
  await expect(page.getByLabel('Colour of track 2')).toHaveValue('#1188cc');
  await expect(page.getByLabel('Instrument of track 1: custom label')).toHaveValue('Choir pad');
});

test('an invalid track name is refused with a message, and Escape restores it', async ({
  page,
}) => {
  await openLibrary(page, studio);
  await createProject(page, 'Name Check');
  await addTrack(page, 'Brass');
  const field = page.getByLabel('Name of track 1', { exact: true });
  await field.fill('   ');
  await field.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('A name cannot be empty.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.press('Escape');
  await expect(field).toHaveValue('Brass');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('tempo, time signature and key are project edits that persist and undo', async ({ page }) => {
  await openLibrary(page, studio);
  await createProject(page, 'Meta Check');
  const tempo = page.getByLabel('Tempo in BPM');
  await tempo.fill('128');
  await tempo.press('Enter');
  await page.getByLabel('Beats per bar').fill('7');
  await page.getByLabel('Beats per bar').press('Enter');
  await page.getByLabel('Beat unit').selectOption('8');
  await page.getByLabel('Key', { exact: true }).selectOption('A');
  await page.getByLabel('Mode').selectOption('minor');
  await expect(page.getByRole('button', { name: 'Undo Change project settings' })).toBeEnabled();
  // Each field commits its own edit; wait until the server holds all five before reloading.
  const projectId = currentProjectId(page);
  await expect
    .poll(async () => {
      const snapshot = (await rpc(studio, 'project.get', { projectId })) as {
        state: { meta: { tempo: number; timeSignature: object; key: object | null } };
      };
      return snapshot.state.meta;
    })
    .toMatchObject({
      tempo: 128,
      timeSignature: { numerator: 7, denominator: 8 },
      key: { tonic: 'A', mode: 'minor' },
    });

  await page.reload();
  await expect(page.getByLabel('Tempo in BPM')).toHaveValue('128');
  await expect(page.getByLabel('Beats per bar')).toHaveValue('7');
  await expect(page.getByLabel('Beat unit')).toHaveValue('8');
  await expect(page.getByLabel('Key', { exact: true })).toHaveValue('A');
  await expect(page.getByLabel('Mode')).toHaveValue('minor');

  await page.getByRole('button', { name: 'Undo Change project settings' }).click();
  await expect(page.getByLabel('Mode')).toHaveValue('major');
  await expect(page.getByLabel('Key', { exact: true })).toHaveValue('A');

  await tempo.fill('1000');
  await tempo.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Tempo is between 20 and 400.');
});

test('a track can be dragged by its handle to a new place', async ({ page }) => {
  await openLibrary(page, studio);
  await createProject(page, 'Drag Order');
  for (const instrument of ['Vocals', 'Drums', 'Bass']) {
    await addTrack(page, instrument);
  }
  const rows = trackRows(page);
  const target = await rows.nth(2).boundingBox();
  if (target === null) {
    throw new Error('the last track row is not visible');
  }
  // Dropped on the lower half of the last row: the track lands after it.
  await rows
    .nth(0)
    .locator('.drag-handle')
    .dragTo(rows.nth(2), { targetPosition: { x: 200, y: target.height - 6 } });
  await expectTrackNames(page, ['Drums', 'Bass', 'Vocals']);
  await expect(page.getByRole('button', { name: 'Undo Reorder tracks' })).toBeEnabled();
});
