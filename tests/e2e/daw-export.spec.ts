/**
 * The DAW export dialog in a browser (server mode): a project with real audio (uploaded and
 * imported through the server, the way the studio does it), the dialog's plan, the export job
 * and the zip download, whose files are then checked. An empty project gets a clear refusal.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

import { expect, test } from '@playwright/test';

import { zipContents } from '../helpers/zip-contents.ts';
import { createProject, currentProjectId, launchStudio, rpc, type Studio } from './studio.ts';

const run = promisify(execFile);
let studio: Studio;

test.beforeAll(async () => {
  studio = await launchStudio();
});

test.afterAll(async () => {
  await studio.dispose();
});

/** Uploads a file made by ffmpeg and imports it into the project; returns its media hash. */
async function importTone(projectId: string, path: string): Promise<string> {
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=4:sample_rate=48000', '-ac', '2', path]); // prettier-ignore
  const upload = await fetch(`${studio.url}/upload?name=tone.wav`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: await readFile(path),
  });
  const { value } = (await upload.json()) as { value: { file: string } };
  const { jobId } = (await rpc(studio, 'media.import', { projectId, file: value.file })) as {
    jobId: string;
  };
  for (let i = 0; i < 200; i += 1) {
    const job = (await rpc(studio, 'job.get', { jobId })) as {
      status: string;
      result: { media: { hash: string } } | null;
    };
    if (job.status === 'succeeded' && job.result !== null) {
      return job.result.media.hash;
    }
    expect(job.status).toBe('running');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the import did not finish');
}

/** Two tracks, each with a clip of the tone, added through the contract. */
async function addTracksWithClips(projectId: string, hash: string): Promise<void> {
  const snapshot = (await rpc(studio, 'project.get', { projectId })) as { revision: number };
  const track = (n: number, name: string) => ({
    id: `2b1c0e2b-1111-4222-8333-00000000000${n}`,
    name,
    instrument: { kind: 'ace', trackClass: n === 1 ? 'drums' : 'bass' },
    color: '#4aa3df',
    gainDb: 0,
    pan: 0,
    mute: false,
    solo: false,
  });
  const clip = (n: number, trackId: string, start: number) => ({
    id: `3c1c0e2b-1111-4222-8333-00000000000${n}`,
    trackId,
    start,
    length: 4 * 960,
    mediaHash: hash,
    sourceOffset: 0,
    gainDb: 0,
    fadeIn: 0,
    fadeOut: 0,
    name: 'Tone',
  });
  const drums = track(1, 'Drums');
  const bass = track(2, 'Bass');
  await rpc(studio, 'project.applyEdits', {
    projectId,
    baseRevision: snapshot.revision,
    edits: [
      { op: 'track.add', track: drums, index: 0 },
      { op: 'track.add', track: bass, index: 1 },
      { op: 'clip.add', clip: clip(1, drums.id, 0) },
      { op: 'clip.add', clip: clip(2, bass.id, 2 * 960) },
    ],
  });
}

test('export stems, mix and project files from the dialog, downloaded as a zip', async ({
  page,
}, testInfo) => {
  await page.goto(`${studio.url}/#/`);
  await createProject(page, 'Night Drive');
  const projectId = currentProjectId(page);
  const hash = await importTone(projectId, testInfo.outputPath('tone.wav'));
  await addTracksWithClips(projectId, hash);
  await page.reload();
  await expect(page.getByTestId('track-row')).toHaveCount(2);

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export for a DAW' });
  await expect(dialog).toBeVisible();
  const files = dialog.getByRole('region', { name: 'Files to export' }).getByRole('listitem');
  await expect(files).toHaveText([
    '01_Drums_120bpm.wav',
    '02_Bass_120bpm.wav',
    'Night_Drive_Mix_120bpm.wav',
    'Night_Drive_120bpm_TempoMap.mid',
    'Night_Drive.RPP',
    'Night_Drive.dawproject',
  ]);
  await expect(dialog.getByLabel('Folder (desktop app only)')).toBeDisabled();
  await dialog.getByLabel('Format').selectOption({ label: 'WAV 32-bit float' });
  await page.screenshot({ path: testInfo.outputPath('export-dialog.png') });

  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export and download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Night_Drive_120bpm.zip');
  const zipPath = testInfo.outputPath('export.zip');
  await download.saveAs(zipPath);
  await expect(dialog).toBeHidden();
  const tray = page.getByRole('complementary', { name: 'Jobs' });
  await expect(tray.getByText('Export “Night Drive” for a DAW')).toBeVisible();

  const zip = await zipContents(zipPath);
  expect([...zip.keys()]).toEqual([
    'Night_Drive_120bpm/01_Drums_120bpm.wav',
    'Night_Drive_120bpm/02_Bass_120bpm.wav',
    'Night_Drive_120bpm/Night_Drive_Mix_120bpm.wav',
    'Night_Drive_120bpm/Night_Drive_120bpm_TempoMap.mid',
    'Night_Drive_120bpm/Night_Drive.RPP',
    'Night_Drive_120bpm/Night_Drive.dawproject',
  ]);
  // Float WAV, 48 kHz stereo: the song is 6 beats = 3 s = 144 000 frames of 8 bytes.
  const stem = zip.get('Night_Drive_120bpm/01_Drums_120bpm.wav')!;
  expect(stem.subarray(0, 4).toString('latin1')).toBe('RIFF');
  const dataAt = stem.indexOf('data', 12, 'latin1');
  expect(stem.readUInt32LE(dataAt + 4)).toBe(144_000 * 8);
  await page.screenshot({ path: testInfo.outputPath('export-done.png') });
});

test('an empty project is refused in the dialog, with the reason', async ({ page }) => {
  await page.goto(`${studio.url}/#/`);
  await createProject(page, 'Nothing Yet');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export for a DAW' });
  await expect(
    dialog.getByText('This project has no tracks yet: there is nothing to export.'),
  ).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Export and download' })).toBeDisabled();
});
