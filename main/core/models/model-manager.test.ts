import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { JobFinished, JobProgressed } from '../../../app/contract/jobs.ts';
import type { ModelsOverview } from '../../../app/contract/models.ts';
import type { JobId } from '../../../app/model/ids.ts';
import {
  type FakeModelServer,
  startFakeModelServer,
} from '../../../tests/helpers/fake-model-server.ts';
import { finishedJob } from '../../../tests/helpers/jobs.ts';
import { makePack, servePack, type TestPack } from '../../../tests/helpers/model-packs.ts';
import { startTestServices, type TestServices } from '../../../tests/helpers/services.ts';

const FAST_RETRY = { attempts: 3, initialDelayMs: 5, maxDelayMs: 10, jitter: 0 };

describe('model manager: installs from a pack source', () => {
  let server: FakeModelServer;
  let test: TestServices;
  let vae: TestPack;
  let free: number;

  beforeEach(async () => {
    server = await startFakeModelServer();
    free = 1e12;
    test = await startTestServices(undefined, {
      modelHooks: { retry: FAST_RETRY, freeSpace: () => Promise.resolve(free) },
    });
    vae = makePack('vae', 'fp16', { 'vae_encoder.onnx': 70_000, 'vae_decoder.onnx': 90_001 });
    servePack(server, vae);
  });
  afterEach(async () => {
    await test.cleanup();
    await server.close();
  });

  const call = async <T>(method: string, params: unknown): Promise<T> => {
    const envelope = await test.services.dispatch(method, params);
    if (!envelope.ok) {
      throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
    }
    return envelope.value as T;
  };
  const useServer = () => call('models.setSource', { baseUrl: `${server.url}/packs` });
  const overview = () => call<ModelsOverview>('models.overview', {});
  const stateOf = async (id: string) => (await overview()).components.find((c) => c.id === id);
  const install = async (componentId = 'vae', precision = 'fp16'): Promise<JobFinished> => {
    const started: { jobId?: JobId } = {};
    const done = finishedJob(test.services, () => started.jobId);
    started.jobId = (
      await call<{ jobId: JobId }>('models.install', { componentId, precision })
    ).jobId;
    return done;
  };
  const modelsDir = () => test.services.paths.modelsDir;
  const staged = async () => readdir(join(modelsDir(), '.staging')).catch(() => []);

  it('installs and verifies a pack despite a dropped connection and corrupted bytes', async () => {
    await useServer();
    server.addFault('/packs/fp16/vae/vae_encoder.onnx', { kind: 'drop', afterBytes: 20_000 });
    server.addFault('/packs/fp16/vae/vae_decoder.onnx', { kind: 'corrupt' });
    const finished = await install();
    expect(finished.status).toBe('succeeded');
    expect(finished.result).toMatchObject({ componentId: 'vae', files: 2, bytes: 160_001 });
    const dir = join(modelsDir(), 'vae');
    expect(await readFile(join(dir, 'vae_decoder.onnx'))).toEqual(
      vae.files.get('vae_decoder.onnx'),
    );
    expect(await readFile(join(dir, 'component.json'), 'utf8')).toBe(vae.manifestText);
    expect((await readdir(dir)).sort()).toEqual([
      'component.json',
      'vae_decoder.onnx',
      'vae_encoder.onnx',
    ]);
    expect(await staged()).toEqual([]);
    const view = await stateOf('vae');
    expect(view).toMatchObject({ state: 'installed', precision: 'fp16', bytesOnDisk: 160_001 });
    expect(server.requests.some((r) => r.range !== null)).toBe(true);
  });

  it('reports download progress with bytes, speed and steps', async () => {
    await useServer();
    const seen: JobProgressed[] = [];
    test.services.events.subscribe((event, payload) => {
      if (event === 'job.progressed') {
        seen.push(payload as JobProgressed);
      }
    });
    server.bytesPerSecond = 400_000;
    await install();
    const downloads = seen.filter((p) => p.phase === 'download');
    expect(downloads.length).toBeGreaterThan(0);
    expect(downloads.every((p) => p.bytesTotal === 160_001)).toBe(true);
    expect(downloads.map((p) => p.overall)).toEqual([...downloads.map((p) => p.overall)].sort());
    expect(downloads.some((p) => (p.bytesPerSecond ?? 0) > 0)).toBe(true);
  });

  it('fails clearly on 404 and leaves nothing behind', async () => {
    await useServer();
    server.files.delete('/packs/fp16/vae/vae_decoder.onnx');
    const finished = await install();
    expect(finished.status).toBe('failed');
    expect(finished.error?.code).toBe('NOT_FOUND');
    expect(finished.error?.message).toContain('vae_decoder.onnx');
    expect(await test.services.models.installedFolders()).toEqual([]);
    expect(await staged()).toEqual([]);
    expect((await stateOf('vae'))?.state).toBe('available');
  });

  it('asks for a token on 401, then uses the stored one and never logs it', async () => {
    await useServer();
    server.token = 'hf_secret_token_value_1234';
    const refused = await install();
    expect(refused.error?.code).toBe('UNAUTHORIZED');
    const source = await call<{ hasToken: boolean }>('models.setSource', {
      token: 'hf_secret_token_value_1234',
    });
    expect(source.hasToken).toBe(true);
    expect((await install()).status).toBe('succeeded');
    expect(JSON.stringify(test.logs)).not.toContain('hf_secret_token_value_1234');
    expect(JSON.stringify(await overview())).not.toContain('hf_secret_token_value_1234');
  });

  it('keeps a download that 500s past its retries and resumes it later with Range', async () => {
    await useServer();
    server.addFault('/packs/fp16/vae/vae_decoder.onnx', { kind: 'drop', afterBytes: 40_000 });
    for (let i = 0; i < 3; i += 1) {
      server.addFault('/packs/fp16/vae/vae_decoder.onnx', { kind: 'status', status: 500 });
    }
    const failed = await install();
    expect(failed.status).toBe('failed');
    expect(await test.services.models.installedFolders()).toEqual([]);
    const paused = await stateOf('vae');
    expect(paused?.state).toBe('paused');
    expect(paused?.bytesOnDisk).toBeGreaterThan(70_000);
    server.requests.length = 0;
    expect((await install()).status).toBe('succeeded');
    const decoder = server.requests.filter((r) => r.path.endsWith('vae_decoder.onnx'));
    expect(decoder[0]?.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(server.requests.some((r) => r.path.endsWith('vae_encoder.onnx'))).toBe(false);
  });

  it('follows redirects to the file host', async () => {
    await useServer();
    server.redirects.set('/packs/fp16/vae/vae_encoder.onnx', '/cdn/blob-1');
    server.files.set('/cdn/blob-1', vae.files.get('vae_encoder.onnx')!);
    expect((await install()).status).toBe('succeeded');
  });

  it('pauses (keeping the bytes) and resumes; cancel discards them', async () => {
    await useServer();
    server.bytesPerSecond = 100_000;
    let jobId: JobId | undefined;
    const paused = finishedJob(test.services, () => jobId);
    let pausedOnce = false;
    test.services.events.subscribe((event, payload) => {
      const p = payload as JobProgressed;
      if (event === 'job.progressed' && !pausedOnce && (p.bytesDone ?? 0) > 20_000) {
        pausedOnce = true;
        void call('models.pause', { componentId: 'vae' });
      }
    });
    jobId = (
      await call<{ jobId: JobId }>('models.install', { componentId: 'vae', precision: 'fp16' })
    ).jobId;
    const outcome = await paused;
    expect(outcome.status).toBe('cancelled');
    expect(outcome.error?.message).toMatch(/Paused/);
    const view = await stateOf('vae');
    expect(view?.state).toBe('paused');
    expect(view?.bytesOnDisk).toBeGreaterThan(0);

    server.bytesPerSecond = 0;
    expect((await install()).status).toBe('succeeded');

    await call('models.remove', { componentId: 'vae' });
    server.bytesPerSecond = 50_000;
    jobId = undefined;
    const cancelled = finishedJob(test.services, () => jobId);
    jobId = (
      await call<{ jobId: JobId }>('models.install', { componentId: 'vae', precision: 'fp16' })
    ).jobId;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await call('job.cancel', { jobId });
    expect((await cancelled).status).toBe('cancelled');
    expect((await stateOf('vae'))?.state).toBe('available');
    expect(await staged()).toEqual([]);
  });

  it('refuses to start without the disk space the pack needs', async () => {
    await useServer();
    free = 1000;
    const finished = await install();
    expect(finished.error?.code).toBe('STORAGE_FAILED');
    expect(finished.error?.message).toMatch(/Not enough disk space/);
    expect(await test.services.models.installedFolders()).toEqual([]);
  });

  it('says so when the default source has no published packs', async () => {
    const finished = await install();
    expect(finished.error?.code).toBe('UNAVAILABLE');
    expect(finished.error?.message).toMatch(/not published/);
    expect(server.requests).toEqual([]);
  });

  it('rejects a pack whose component.json is for another component', async () => {
    await useServer();
    const other = makePack('dit-turbo', 'fp16', { 'x.onnx': 10 });
    server.files.set('/packs/fp16/vae/component.json', Buffer.from(other.manifestText));
    const finished = await install();
    expect(finished.error?.code).toBe('MODEL_CORRUPT');
    expect(await test.services.models.installedFolders()).toEqual([]);
  });

  it('verifies an installed component, reports damage on disk, and removes it', async () => {
    await useServer();
    await install();
    let jobId: JobId | undefined;
    let done = finishedJob(test.services, () => jobId);
    jobId = (await call<{ jobId: JobId }>('models.verify', { componentId: 'vae' })).jobId;
    expect((await done).result).toMatchObject({ ok: true, files: 2 });

    const file = join(modelsDir(), 'vae', 'vae_encoder.onnx');
    const bytes = await readFile(file);
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    await writeFile(file, bytes);
    jobId = undefined;
    done = finishedJob(test.services, () => jobId);
    jobId = (await call<{ jobId: JobId }>('models.verify', { componentId: 'vae' })).jobId;
    const damaged = (await done).result as { ok: boolean; problems: string[] };
    expect(damaged.ok).toBe(false);
    expect(damaged.problems).toHaveLength(1);
    expect(damaged.problems[0]).toMatch(/vae_encoder\.onnx does not match its sha256/);
    expect((await stateOf('vae'))?.state).toBe('corrupt');

    await call('models.remove', { componentId: 'vae' });
    expect((await stateOf('vae'))?.state).toBe('available');
    expect(await test.services.models.installedFolders()).toEqual([]);
  });

  it('tells which components each task still needs', async () => {
    await useServer();
    await install();
    const tasks = (await overview()).tasks;
    expect(tasks.find((t) => t.id === 'lego')).toMatchObject({
      ready: false,
      missing: ['text-encoder', 'dit-base'],
    });
    expect(tasks.find((t) => t.id === 'text2music')?.missing).toEqual([
      'text-encoder',
      'dit-turbo',
    ]);
  });

  it('validates the download source', async () => {
    const envelope = await test.services.dispatch('models.setSource', {
      baseUrl: 'ftp://x/{repo}',
    });
    expect(envelope.ok).toBe(false);
    const template = `${server.url}/{repo}/resolve/{revision}/{path}`;
    const view = await call<{ baseUrl: string; origin: string }>('models.setSource', {
      baseUrl: template,
    });
    expect(view).toMatchObject({ baseUrl: template, origin: 'settings' });
    servePack(server, vae, '/layerline/acestep-v15-onnx/resolve/main');
    expect((await install()).status).toBe('succeeded');
  });
});
