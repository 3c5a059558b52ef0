/**
 * The model manager against the real server host and a local fake model server: the machine
 * and its recommendation, what tasks need, the download source, then install with progress,
 * pause, resume, verify and remove.
 */
import { expect, type Page, test } from '@playwright/test';

import { type FakeModelServer, startFakeModelServer } from '../helpers/fake-model-server.ts';
import { makePack, servePack } from '../helpers/model-packs.ts';
import { launchStudio, type Studio } from './studio.ts';

let studio: Studio;

/** The jobs tray opens by itself when a job starts; open it if it did not. */
async function openJobs(page: Page): Promise<void> {
  const toggle = page.locator('.jobs-toggle');
  // The tray may open by itself while we click (which would close it again): retry until open.
  await expect(async () => {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') {
      await toggle.click();
    }
    await expect(toggle).toHaveAttribute('aria-expanded', 'true', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
}
let models: FakeModelServer;

test.beforeAll(async () => {
  models = await startFakeModelServer();
  // The recommendation on a CPU machine is fp32; a 1.2 MB pack at 300 KB/s leaves time to pause.
  servePack(
    models,
    makePack('vae', 'fp32', { 'vae_encoder.onnx': 600_000, 'vae_decoder.onnx': 600_000 }),
  );
  studio = await launchStudio({
    env: { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' },
  });
});

test.afterAll(async () => {
  await studio.dispose();
  await models.close();
});

test('install a component with progress, pause and resume it, verify and remove it', async ({
  page,
}, testInfo) => {
  await page.goto(`${studio.url}/#/`);
  await page.getByRole('link', { name: 'Models' }).click();
  await expect(page.getByRole('heading', { name: 'Models', level: 1 })).toBeVisible();
  await expect(page.getByTestId('provider-in-use')).toContainText(
    /Not loaded yet; expected: (CPU|CUDA)/,
  );
  await expect(page.getByTestId('recommendation-summary')).toContainText('turbo DiT');
  const lego = page.getByTestId('task-row').filter({ hasText: 'Add a layer' });
  await expect(lego).toContainText(
    'Needs Text encoder (Qwen3-Embedding-0.6B), Audio VAE (AutoencoderOobleck), DiT base',
  );

  await page.getByLabel('Base URL').fill(`${models.url}/packs`);
  await page.getByRole('button', { name: 'Save source' }).click();
  await expect(page.getByText('Download source saved')).toBeVisible();

  models.bytesPerSecond = 300_000;
  const row = page.locator('[data-component="vae"]');
  await row.getByLabel('Precision of Audio VAE (AutoencoderOobleck)').selectOption('fp32');
  await page.getByRole('button', { name: 'Install Audio VAE (AutoencoderOobleck)' }).click();
  const bar = row.getByRole('progressbar');
  await expect(bar).toBeVisible();
  await expect(row).toContainText(/KB of 1\.\d MB/);
  await page.screenshot({
    path: testInfo.outputPath('model-manager-downloading.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Pause Audio VAE (AutoencoderOobleck)' }).click();
  await expect(row).toContainText('Paused');

  models.bytesPerSecond = 0;
  await row.getByRole('button', { name: 'Resume Audio VAE (AutoencoderOobleck)' }).click();
  await expect(row).toContainText('Installed · fp32');
  expect(models.requests.some((r) => r.range !== null)).toBe(true);
  await expect(lego).toContainText('Needs Text encoder (Qwen3-Embedding-0.6B), DiT base');
  await page.screenshot({ path: testInfo.outputPath('model-manager.png'), fullPage: true });

  await row.getByRole('button', { name: 'Verify Audio VAE (AutoencoderOobleck)' }).click();
  const tray = page.getByRole('complementary', { name: 'Jobs' });
  await openJobs(page);
  await expect(tray.getByText('Verify Audio VAE (AutoencoderOobleck)')).toBeVisible();
  await row.getByRole('button', { name: 'Remove Audio VAE (AutoencoderOobleck)' }).click();
  await expect(row).toContainText('Not installed');
});

test('a source that refuses the download shows the failure and leaves nothing installed', async ({
  page,
}) => {
  await page.goto(`${studio.url}/#/models`);
  await page.getByLabel('Base URL').fill(`${models.url}/missing`);
  await page.getByRole('button', { name: 'Save source' }).click();
  // Install only once the server uses the new source (under load the click can beat the save).
  await expect(page.getByText(/^Using the .* source/)).not.toContainText('Using the default');
  await page.getByRole('button', { name: 'Install Text encoder (Qwen3-Embedding-0.6B)' }).click();
  await openJobs(page);
  const tray = page.getByRole('complementary', { name: 'Jobs' });
  await expect(
    tray.getByText(/It is no longer there: The download server has no component\.json/),
  ).toBeVisible();
  await expect(page.locator('[data-component="text-encoder"]')).toContainText('Not installed');
});
