/**
 * generation.start through the contract: real services, the real inference process (forked)
 * over analytic packs, results in the project's media store with provenance, job.cancel,
 * the memory pre-flight and task routing.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { JobFinished, JobProgressed } from '../../app/contract/jobs.ts';
import type { GenerationResult } from '../../app/generation/result.ts';
import type { MediaHash, ProjectId } from '../../app/model/ids.ts';
import type { Services } from '../../main/core/compose.ts';
import { writeAnalyticPack } from '../../tools/fixtures/packs/analytic-pack.ts';
import { qwenTokenizerFiles } from '../../tools/fixtures/packs/qwen-vocabulary.ts';
import { steppedAudio } from '../helpers/analytic-generation.ts';
import { dispatchJob, openInferenceServices } from '../helpers/inference-services.ts';
import { makeTempDir, removeDir } from '../helpers/temp-dir.ts';

let root: string;
let services: Services;
let projectId: ProjectId;
let memory = { bytes: Number.MAX_SAFE_INTEGER, what: 'test memory' };

function wav16(left: Float32Array, right: Float32Array): Uint8Array {
  const bytes = Buffer.alloc(44 + left.length * 4);
  bytes.write('RIFF', 0, 'ascii');
  bytes.writeUInt32LE(36 + left.length * 4, 4);
  bytes.write('WAVEfmt ', 8, 'ascii');
  bytes.writeUInt32LE(16, 16);
  bytes.writeUInt16LE(1, 20);
  bytes.writeUInt16LE(2, 22);
  bytes.writeUInt32LE(48000, 24);
  bytes.writeUInt32LE(48000 * 4, 28);
  bytes.writeUInt16LE(4, 32);
  bytes.writeUInt16LE(16, 34);
  bytes.write('data', 36, 'ascii');
  bytes.writeUInt32LE(left.length * 4, 40);
  left.forEach((value, i) => {
    bytes.writeInt16LE(Math.round(value * 32768), 44 + i * 4);
    bytes.writeInt16LE(Math.round((right[i] ?? 0) * 32768), 44 + i * 4 + 2);
  });
  return bytes;
}

function start(
  params: Record<string, unknown>,
): Promise<{ finished: JobFinished; progress: JobProgressed[] }> {
  return dispatchJob(services, 'generation.start', { projectId, seeds: [7], ...params });
}

beforeAll(async () => {
  root = await makeTempDir('layerline-generation-');
  const dataDir = join(root, 'data');
  const modelsDir = join(dataDir, 'models');
  const tokenizerFiles = qwenTokenizerFiles();
  await writeAnalyticPack(modelsDir, { tokenizerFiles });
  await writeAnalyticPack(modelsDir, { tokenizerFiles, ditId: 'dit-turbo-shift3', stepCost: 60 });
  services = await openInferenceServices(dataDir, root, { availableMemory: () => memory });
  projectId = (await services.library.create({ name: 'Generated' })).projectId;
});

afterAll(async () => {
  await services.dispose();
  await removeDir(root);
});

describe('generation.start', () => {
  it('stores each item in the project with its provenance, reporting staged progress', async () => {
    const { finished, progress } = await start({
      caption: 'lofi piano',
      durationSeconds: 4,
      batchSize: 2,
    });
    expect(finished.status).toBe('succeeded');
    const result = finished.result as GenerationResult;
    expect(result.items.map((item) => item.seed)).toEqual([7, 8]);
    for (const item of result.items) {
      const media = services.library.resolveMedia(item.mediaHash);
      expect(media?.mime).toBe('audio/wav');
      expect((await stored(item.mediaHash)).left.length).toBe(4 * 48000);
      expect(item.durationSeconds).toBe(4);
    }
    expect(result.provenance.request).toMatchObject({
      caption: 'lofi piano',
      seeds: [7],
      batchSize: 2,
    });
    expect(result.provenance.resolved).toMatchObject({ seeds: [7, 8], task: 'text2music' });
    expect(result.provenance.resolved).not.toHaveProperty('outputDir');
    expect(result.provenance.defaults['shift']?.source).toContain('REST API');
    const dit = result.provenance.models.find((model) => model.id === 'dit-turbo');
    expect(dit?.files.find((file) => file.path === 'dit_step.onnx')?.sha256).toMatch(
      /^[0-9a-f]{64}$/,
    );
    // Progress events are throttled to 10 a second, so fast phases (and the last) may not show.
    const phases = [...new Set(progress.map((p) => p.phase))];
    expect(phases[0]).toBe('load');
    const overall = progress.map((p) => p.overall);
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    // The job row keeps the result too.
    expect(services.jobs.get(finished.jobId).result).toMatchObject({
      items: [{ seed: 7 }, { seed: 8 }],
    });
  });

  it('repaints a stored WAV source: outside the region the samples stay', async () => {
    const audio = steppedAudio(4, (hop, ch) =>
      ch === 0 ? ((hop % 7) - 3) / 16 : ((hop % 5) - 2) / 32,
    );
    const file = join(root, 'source.wav');
    await writeFile(file, wav16(audio.left, audio.right));
    const media = await services.library
      .session(projectId)
      .addMediaFile(file, { name: 'source.wav', mime: 'audio/wav' }, { now: Date.now() });
    const { finished } = await start({
      task: 'repaint',
      source: { mediaHash: media.hash },
      region: { startSeconds: 1, endSeconds: 2 },
    });
    expect(finished.status).toBe('succeeded');
    const result = finished.result as GenerationResult;
    const out = await stored(result.items[0]!.mediaHash);
    expect(out.left.length).toBe(audio.left.length);
    for (const i of [0, 1919, 47_999, 96_000, 150_000]) {
      expect(out.left[i]).toBe(audio.left[i]);
    }
    expect(out.left[72_000]).not.toBe(audio.left[72_000]);
  });

  it('is cancelled by job.cancel during diffusion', async () => {
    let jobId: string | undefined;
    const off = services.events.subscribe((event, payload) => {
      const p = payload as JobProgressed;
      if (event === 'job.progressed' && p.phase === 'diffuse' && (p.step ?? 0) >= 1) {
        expect(p.totalSteps).toBe(8);
        jobId = p.jobId;
        void services.dispatch(
          'job.cancel',
          { jobId: p.jobId },
          { signal: new AbortController().signal },
        );
      }
    });
    try {
      const { finished } = await start({ modelId: 'dit-turbo-shift3', durationSeconds: 4 });
      expect(finished.status).toBe('cancelled');
      expect(finished.jobId).toBe(jobId);
    } finally {
      off();
    }
  });

  it('refuses a request that would not fit in memory, with the numbers', async () => {
    memory = { bytes: 1024, what: 'test memory' };
    try {
      const { finished } = await start({ durationSeconds: 4 });
      expect(finished.status).toBe('failed');
      expect(finished.error).toMatchObject({
        code: 'INSUFFICIENT_MEMORY',
        details: { availableBytes: 1024, memory: 'test memory' },
      });
      expect(finished.error?.message).toMatch(
        /needs about [\d.]+ MB \(weights .*\), but only 0\.0 MB of test memory/,
      );
    } finally {
      memory = { bytes: Number.MAX_SAFE_INTEGER, what: 'test memory' };
    }
  });

  it('refuses lego on a turbo model, naming the model to install, and unknown projects', async () => {
    const hash = 'b'.repeat(64) as MediaHash;
    const { finished } = await start({
      task: 'lego',
      modelId: 'dit-turbo',
      source: { mediaHash: hash },
      trackClasses: ['drums'],
    });
    expect(finished.error).toMatchObject({ code: 'NOT_FOUND' });
    const media = await services.library
      .session(projectId)
      .addMediaFile(
        await writeTemp('lego.wav', wav16(new Float32Array(48000), new Float32Array(48000))),
        { name: 'lego.wav', mime: 'audio/wav' },
        { now: Date.now() },
      );
    const refused = await start({
      task: 'lego',
      modelId: 'dit-turbo',
      source: { mediaHash: media.hash },
      trackClasses: ['drums'],
    });
    expect(refused.finished.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { requires: 'dit-base' },
    });
    const unknown = await services.dispatch(
      'generation.start',
      { projectId: '00000000-0000-4000-8000-00000000dead' },
      { signal: new AbortController().signal },
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

/** A result as the project's audio store holds it (a studio file). */
async function stored(hash: MediaHash): Promise<{ left: Float32Array; right: Float32Array }> {
  const [left, right] = await services.library.session(projectId).audio.read(hash);
  return { left, right };
}

async function writeTemp(name: string, bytes: Uint8Array): Promise<string> {
  const dir = join(root, 'tmp');
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await writeFile(path, bytes);
  expect((await readFile(path)).length).toBe(bytes.length);
  return path;
}
