/** Archive round trip through the UI: export (a job, then a download), import (an upload). */
import { expect, test } from '@playwright/test';

import {
  addTrack,
  createProject,
  expectTrackNames,
  launchStudio,
  openLibrary,
  renameTrack,
  type Studio,
} from './studio.ts';

let studio: Studio;

test.beforeAll(async () => {
  studio = await launchStudio();
});

test.afterAll(async () => {
  await studio.dispose();
});

test('export a project as an archive, then import it back', async ({ page }, testInfo) => {
  await openLibrary(page, studio);
  await createProject(page, 'Round Trip');
  await addTrack(page, 'Vocals');
  await addTrack(page, 'Percussion');
  await renameTrack(page, 2, 'Shakers');
  await expectTrackNames(page, ['Vocals', 'Shakers']);
  await page.getByRole('button', { name: 'Mute track 2' }).click();
  await expect(page.getByRole('button', { name: 'Undo Mute track' })).toBeEnabled();

  await page.getByRole('link', { name: 'Library' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export “Round Trip”' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Round Trip.layerline');
  const archive = testInfo.outputPath('Round Trip.layerline');
  await download.saveAs(archive);

  const tray = page.getByRole('complementary', { name: 'Jobs' });
  await expect(tray).toBeVisible();
  await expect(tray.getByText('Export “Round Trip”')).toBeVisible();
  await expect(tray.getByText('Done')).toBeVisible();
  await expect(page.getByText('Downloading Round Trip.layerline')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('jobs-tray.png') });

  await page.getByTestId('archive-input').setInputFiles(archive);
  const imported = page.getByRole('status').filter({ hasText: 'Imported “Round Trip' });
  await expect(imported).toBeVisible();
  await expect(page.getByTestId('project-row')).toHaveCount(2);
  await expect(tray.getByText('Import “Round Trip.layerline”')).toBeVisible();

  await imported.getByRole('button', { name: 'Open' }).click();
  await expectTrackNames(page, ['Vocals', 'Shakers']);
  await expect(page.getByRole('button', { name: 'Mute track 2' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // The history travels with the archive.
  await page.getByRole('button', { name: 'Undo Mute track' }).click();
  await expect(page.getByRole('button', { name: 'Mute track 2' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
});

test('a file that is not an archive fails with a clear message', async ({ page }, testInfo) => {
  await openLibrary(page, studio);
  const bogus = testInfo.outputPath('not-an-archive.layerline');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(bogus, 'this is plain text, not a zip archive');
  await page.getByTestId('archive-input').setInputFiles(bogus);
  await expect(page.getByRole('alert').filter({ hasText: 'Import failed' })).toBeVisible();
  const tray = page.getByRole('complementary', { name: 'Jobs' });
  await expect(tray.getByText('Failed', { exact: true })).toBeVisible();
});
