/**
 * The core editing loop end to end: create, add tracks, rename, undo, redo; then a reload and a
 * server restart, after which the same tracks are there in the same order and undo still works.
 */
import { expect, test } from '@playwright/test';

import {
  addTrack,
  createProject,
  currentProjectId,
  expectTrackNames,
  launchStudio,
  openLibrary,
  renameTrack,
  storedTrackNames,
  type Studio,
} from './studio.ts';

let studio: Studio;

test.beforeAll(async () => {
  studio = await launchStudio();
});

test.afterAll(async () => {
  await studio.dispose();
});

test('edits survive a reload and a server restart, with undo intact', async ({
  page,
}, testInfo) => {
  await openLibrary(page, studio);
  await createProject(page, 'Night Drive');
  const projectId = currentProjectId(page);

  await addTrack(page, 'Vocals');
  await addTrack(page, 'Drums');
  await addTrack(page, 'Bass');
  await expectTrackNames(page, ['Vocals', 'Drums', 'Bass']);

  await renameTrack(page, 2, 'Kick & Snare');
  await expectTrackNames(page, ['Vocals', 'Kick & Snare', 'Bass']);
  const undo = page.getByRole('button', { name: 'Undo Rename track' });
  await expect(undo).toBeEnabled();

  await undo.click();
  await expectTrackNames(page, ['Vocals', 'Drums', 'Bass']);
  const redo = page.getByRole('button', { name: 'Redo Rename track' });
  await expect(redo).toBeEnabled();
  await redo.click();
  await expectTrackNames(page, ['Vocals', 'Kick & Snare', 'Bass']);

  // Keyboard shortcuts act on the project when focus is not in a text field.
  await page.getByRole('heading', { name: /Tracks/ }).click();
  await page.keyboard.press('Control+z');
  await expectTrackNames(page, ['Vocals', 'Drums', 'Bass']);
  await page.keyboard.press('Control+Shift+z');
  await expectTrackNames(page, ['Vocals', 'Kick & Snare', 'Bass']);

  await expect
    .poll(() => storedTrackNames(studio, projectId))
    .toEqual(['Vocals', 'Kick & Snare', 'Bass']);
  await page.screenshot({ path: testInfo.outputPath('project.png'), fullPage: true });

  await page.reload();
  await expectTrackNames(page, ['Vocals', 'Kick & Snare', 'Bass']);
  await expect(page.getByRole('button', { name: 'Undo Rename track' })).toBeEnabled();

  // The server goes away: the page says so, and recovers by itself when it is back.
  await studio.stopServer();
  await expect(page.getByText('Reconnecting to the studio…')).toBeVisible();
  await studio.startServer();
  await expect(page.getByText('Reconnecting to the studio…')).toBeHidden({ timeout: 20_000 });
  await expectTrackNames(page, ['Vocals', 'Kick & Snare', 'Bass']);

  await page.reload();
  await expectTrackNames(page, ['Vocals', 'Kick & Snare', 'Bass']);
  await page.getByRole('button', { name: 'Undo Rename track' }).click();
  await expectTrackNames(page, ['Vocals', 'Drums', 'Bass']);
  await expect.poll(() => storedTrackNames(studio, projectId)).toEqual(['Vocals', 'Drums', 'Bass']);
});

test('the Edit menu lists the undo and redo steps and runs them', async ({ page }) => {
  await openLibrary(page, studio);
  await createProject(page, 'Menu Check');
  await addTrack(page, 'Guitar');
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Edit' });
  await expect(menu.getByRole('menuitem', { name: /Undo Add track/ })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: /^Redo/ })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  await menu.getByRole('menuitem', { name: /Undo Add track/ }).click();
  await expectTrackNames(page, []);
  await expect(page.getByRole('button', { name: 'Redo Add track' })).toBeEnabled();
});
