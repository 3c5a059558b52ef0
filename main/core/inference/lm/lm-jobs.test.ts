import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { JobFinished, JobProgressed } from '../../../../app/contract/jobs.ts';
import type { ProjectSummary } from '../../../../app/model/project.ts';
import { SongDraft } from '../../../../app/model/song-draft.ts';
import { finishedJob } from '../../../../tests/helpers/jobs.ts';
import { startTestServices, type TestServices } from '../../../../tests/helpers/services.ts';
import { openTinyLm, type TinyLm } from '../../../../tools/fixtures/packs/tiny-lm-engine.ts';
import { storeGeneratedAudio } from '../../media/generated-audio.ts';
import { KEY_SCALES } from './cot-vocabulary.ts';
import { LocalLmRuntime } from './local-lm-runtime.ts';

// Heavy: the real 217,204-id vocabulary; generous limits for a loaded 2-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// The lm.* jobs over the contract, with the tiny random-weight LM pack running in-process
// (LocalLmRuntime). Audio → codes is faked here (a deterministic function of the samples):
// the real encoder is the DiT side's VAE + audio tokenizer.
let root: string;
let tiny: TinyLm;
let env: TestServices;
let encodedFrames = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lm-jobs-'));
  tiny = await openTinyLm(root, {
    seed: 4,
    maxTokens: 2048,
    captionMaxTokens: 16,
    lyricsMaxTokens: 16,
  });
  const runtime = new LocalLmRuntime({
    loadEngine: () => Promise.resolve(tiny.engine),
    encodeAudio: (audio) => {
      encodedFrames = audio.left.length;
      return Promise.resolve(
        Array.from({ length: Math.ceil(audio.left.length / 9600) }, (_, i) => i % 64_000),
      );
    },
  });
  env = await startTestServices(undefined, { lm: runtime });
});
afterAll(async () => {
  await env.cleanup();
  await tiny.dispose();
  await rm(root, { recursive: true, force: true });
});

async function runJob(
  method: string,
  params: unknown,
  progress: JobProgressed[] = [],
): Promise<JobFinished> {
  const job = { id: '' };
  const done = finishedJob(env.services, () => job.id);
  const off = env.services.events.subscribe((event, payload) => {
    if (event === 'job.progressed' && (payload as JobProgressed).jobId === job.id) {
      progress.push(payload as JobProgressed);
    }
  });
  const answer = await env.services.dispatch(method, params);
  if (!answer.ok) {
    throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
  }
  job.id = (answer.value as { jobId: string }).jobId;
  const finished = await done;
  off();
  return finished;
}

describe('lm.* jobs', () => {
  it('simple mode drafts a full request, with progress through load and plan', async () => {
    const progress: JobProgressed[] = [];
    const finished = await runJob(
      'lm.inspire',
      { query: 'rain on a window', language: 'ko', seed: 7 },
      progress,
    );
    expect(finished.status).toBe('succeeded');
    const draft = SongDraft.parse(finished.result);
    expect(draft.language).toBe('ko');
    expect(draft.bpm).toBeGreaterThanOrEqual(30);
    expect(KEY_SCALES).toContain(draft.keyScale);
    expect(progress.map((p) => p.phase)).toContain('plan');
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.overall).toBeGreaterThanOrEqual(progress[i - 1]!.overall);
    }
  });

  it('an instrumental request gets the instrumental lyrics', async () => {
    const finished = await runJob('lm.inspire', {
      query: 'ambient drone',
      instrumental: true,
      seed: 1,
    });
    expect(SongDraft.parse(finished.result)).toMatchObject({
      instrumental: true,
      lyrics: '[Instrumental]',
    });
  });

  it('rewriting keeps what the user fixed', async () => {
    const finished = await runJob('lm.format', {
      caption: 'punk',
      lyrics: 'hey',
      bpm: 172,
      keyScale: 'E minor',
      timeSignature: 4,
      seed: 2,
    });
    expect(SongDraft.parse(finished.result)).toMatchObject({
      bpm: 172,
      keyScale: 'E minor',
      timeSignature: 4,
    });
  });

  it('understanding reads the project audio', async () => {
    const project = await env.services.dispatch('project.create', { name: 'Understand' });
    if (!project.ok) {
      throw new Error(project.error.message);
    }
    const { projectId } = project.value as ProjectSummary;
    const audio = { left: new Float32Array(48_000 * 2), right: new Float32Array(48_000 * 2) };
    audio.left.fill(0.1);
    const { media } = await storeGeneratedAudio(
      env.services.library.session(projectId).audio,
      audio,
      null,
      {
        name: 'clip',
      },
    );
    const finished = await runJob('lm.understand', { projectId, audioHash: media.hash, seed: 3 });
    expect(finished.status).toBe('succeeded');
    expect(encodedFrames).toBe(96_000);
    expect(SongDraft.parse(finished.result).durationSeconds).toBeGreaterThanOrEqual(10);
  });

  it('validates parameters at the edge', async () => {
    const bad = await env.services.dispatch('lm.format', {
      caption: 'x',
      lyrics: 'y',
      keyScale: 'H major',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('answers UNAVAILABLE without an LM', async () => {
    const bare = await startTestServices();
    try {
      const answer = await bare.services.dispatch('lm.inspire', { query: 'x' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    } finally {
      await bare.cleanup();
    }
  });
});
