/** The library screen: search, rename, duplicate and delete, against the real server. */
import { expect, type Page, test } from '@playwright/test';

import { launchStudio, openLibrary, rpc, type Studio } from './studio.ts';

let studio: Studio;

test.beforeAll(async () => {
  studio = await launchStudio();
  for (const name of ['Alpine Sunrise', 'Beta Groove', 'Alpha Session']) {
    await rpc(studio, 'project.create', { name });
  }
});

test.afterAll(async () => {
  await studio.dispose();
});

const projectNames = (page: Page) =>
  page.getByRole('list', { name: 'Projects' }).locator('.project-name');

test('lists projects, and search filters them by name', async ({ page }, testInfo) => {
  await openLibrary(page, studio);
  await expect(projectNames(page)).toHaveText(['Alpha Session', 'Beta Groove', 'Alpine Sunrise']);
  await expect(page.getByTestId('project-row').first()).toContainText('0 tracks');
  await page.screenshot({ path: testInfo.outputPath('library.png'), fullPage: true });

  const search = page.getByRole('searchbox', { name: 'Search projects' });
  await search.fill('alp');
  await expect(projectNames(page)).toHaveText(['Alpha Session', 'Alpine Sunrise']);
  await search.fill('groove');
  await expect(projectNames(page)).toHaveText(['Beta Groove']);
  await search.fill('nothing like this');
  await expect(page.getByText('No project matches “nothing like this”')).toBeVisible();
  await search.fill('');
  await expect(projectNames(page)).toHaveCount(3);
});

test('rename shows field errors, then renames', async ({ page }) => {
  await openLibrary(page, studio);
  await page.getByRole('button', { name: 'Rename “Beta Groove”' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename project' });
  await dialog.getByLabel('Name').fill('   ');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('A name cannot be empty.');
  await dialog.getByLabel('Name').fill('Beta Groove (final)');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog).toBeHidden();
  await expect(projectNames(page)).toContainText(['Beta Groove (final)']);
});

test('duplicate adds a copy; delete moves a project out of the list', async ({ page }) => {
  await openLibrary(page, studio);
  await page.getByRole('button', { name: 'Duplicate “Alpine Sunrise”' }).click();
  await expect(page.getByText(/^Duplicated as “/)).toBeVisible();
  await expect(projectNames(page)).toHaveCount(4);

  await page.getByRole('button', { name: 'Delete “Alpha Session”' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Alpha Session”?' });
  await expect(dialog).toContainText('moved to the trash');
  await dialog.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByText('Moved “Alpha Session” to trash')).toBeVisible();
  await expect(projectNames(page)).toHaveCount(3);
  await expect(projectNames(page)).not.toContainText(['Alpha Session']);

  await page.reload();
  await expect(projectNames(page)).toHaveCount(3);
  await expect(projectNames(page)).not.toContainText(['Alpha Session']);
});

test('a new project gets its tempo, time signature and key from the dialog', async ({ page }) => {
  await openLibrary(page, studio);
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name').fill('Waltz');
  await dialog.getByLabel('Tempo (BPM)').fill('900');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  // The server's field-level message appears under the field it is about.
  await expect(dialog.getByLabel('Tempo (BPM)')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('alert')).toContainText('400');
  await dialog.getByLabel('Tempo (BPM)').fill('96');
  await dialog.getByLabel('Beats per bar').fill('3');
  await dialog.getByLabel('Key tonic').selectOption('D');
  await dialog.getByLabel('Key mode').selectOption('minor');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByLabel('Project name')).toHaveValue('Waltz');
  await expect(page.getByLabel('Tempo in BPM')).toHaveValue('96');
  await expect(page.getByLabel('Beats per bar')).toHaveValue('3');
  await expect(page.getByLabel('Key', { exact: true })).toHaveValue('D');
  await expect(page.getByLabel('Mode')).toHaveValue('minor');
});
