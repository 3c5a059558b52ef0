import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { JobFinished } from '../../../app/contract/jobs.ts';
import type { ModelsOverview } from '../../../app/contract/models.ts';
import type { JobId } from '../../../app/model/ids.ts';
import { finishedJob } from '../../../tests/helpers/jobs.ts';
import { makePack, writePackFolder } from '../../../tests/helpers/model-packs.ts';
import { REPO_ROOT } from '../../../tests/helpers/server-process.ts';
import { startTestServices, type TestServices } from '../../../tests/helpers/services.ts';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp-dir.ts';

describe('importing a folder of converted components', () => {
  let test: TestServices;
  let source: string;
  beforeEach(async () => {
    test = await startTestServices();
    source = await makeTempDir('layerline-export-');
  });
  afterEach(async () => {
    await test.cleanup();
    await removeDir(source);
  });

  const importFolder = async (path: string): Promise<JobFinished> => {
    const folder = test.services.files.issue({ path, name: 'export', bytes: 0, owned: false });
    const started: { jobId?: JobId } = {};
    const done = finishedJob(test.services, () => started.jobId);
    const envelope = await test.services.dispatch('models.import', { folder });
    if (!envelope.ok) {
      throw new Error(envelope.error.message);
    }
    started.jobId = (envelope.value as { jobId: JobId }).jobId;
    return done;
  };
  const states = async () => {
    const envelope = await test.services.dispatch('models.overview', {});
    const overview = (envelope as { value: ModelsOverview }).value;
    return Object.fromEntries(overview.components.map((c) => [c.id, c.state]));
  };

  it('imports every component folder under the chosen folder, verified', async () => {
    const vae = makePack('vae', 'fp32', { 'vae_encoder.onnx': 3000, 'vae_decoder.onnx': 4000 });
    const text = makePack('text-encoder', 'fp32', { 'text_encoder.onnx': 5000 });
    await writePackFolder(source, vae);
    await writePackFolder(source, text);
    const finished = await importFolder(source);
    expect(finished.status).toBe('succeeded');
    expect(finished.result).toMatchObject({
      files: vae.files.size + text.files.size,
      bytes: vae.bytes + text.bytes,
    });
    expect((finished.result as { componentIds: string[] }).componentIds.sort()).toEqual([
      'text-encoder',
      'vae',
    ]);
    const installed = join(test.services.paths.modelsDir, 'vae', 'vae_decoder.onnx');
    expect(await readFile(installed)).toEqual(vae.files.get('vae_decoder.onnx'));
    expect(await states()).toMatchObject({ vae: 'installed', 'text-encoder': 'installed' });
    // The user's folder is only read.
    expect((await readdir(join(source, 'vae'))).sort()).toEqual([
      'component.json',
      'vae_decoder.onnx',
      'vae_encoder.onnx',
    ]);
  });

  it('imports the exporter’s own fixture packs (one with external data)', async () => {
    const finished = await importFolder(
      join(REPO_ROOT, 'tests', 'fixtures', 'models', 'packs', 'fp32'),
    );
    expect(finished.status).toBe('succeeded');
    expect(await states()).toMatchObject({
      vae: 'installed',
      'text-encoder': 'installed',
      'dit-turbo': 'installed',
      'lm-0.6b': 'installed',
    });
    const dit = await readdir(join(test.services.paths.modelsDir, 'dit-turbo'));
    expect(dit).toContain('dit_step.onnx.data');
  });

  it('imports a single component folder chosen directly', async () => {
    const vae = makePack('vae', 'fp16', { 'vae_decoder.onnx': 100 });
    const finished = await importFolder(await writePackFolder(source, vae));
    expect(finished.status).toBe('succeeded');
    expect((await states()).vae).toBe('installed');
  });

  it('rejects a file that fails its checksum and installs nothing', async () => {
    const vae = makePack('vae', 'fp32', { 'vae_encoder.onnx': 3000 });
    const dir = await writePackFolder(source, vae);
    const bytes = await readFile(join(dir, 'vae_encoder.onnx'));
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    await writeFile(join(dir, 'vae_encoder.onnx'), bytes);
    const finished = await importFolder(dir);
    expect(finished.error?.code).toBe('MODEL_CORRUPT');
    expect(finished.error?.message).toMatch(/sha256/);
    expect(await test.services.models.installedFolders()).toEqual([]);
    expect(await readdir(join(test.services.paths.modelsDir, '.staging'))).toEqual([]);
  });

  it('names a missing file, an unknown component and a folder without packs', async () => {
    const vae = makePack('vae', 'fp32', { 'vae_encoder.onnx': 10 });
    const dir = await writePackFolder(source, vae);
    await writeFile(join(dir, 'vae_encoder.onnx'), '');
    expect((await importFolder(dir)).error?.message).toMatch(/0 bytes; component.json says 10/);

    const odd = makePack('dit-imaginary', 'fp32', { 'x.onnx': 10 });
    expect((await importFolder(await writePackFolder(source, odd))).error?.code).toBe('NOT_FOUND');

    const empty = await makeTempDir();
    try {
      expect((await importFolder(empty)).error?.message).toMatch(/No component.json/);
    } finally {
      await removeDir(empty);
    }
  });
});
