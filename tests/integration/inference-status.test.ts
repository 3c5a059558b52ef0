/**
 * inference.status through the contract with the real inference process (forked) over the
 * analytic packs: before a model loads nothing is in use; after a generation every loaded
 * session reports the provider the session pool chose and why the first one failed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { InferenceStatus } from '../../app/contract/inference-status.ts';
import type { JobFinished } from '../../app/contract/jobs.ts';
import type { ProviderId } from '../../app/contract/models.ts';
import { createLogger } from '../../app/log.ts';
import { createServices, type Services } from '../../main/core/compose.ts';
import { writeAnalyticPack } from '../../tools/fixtures/packs/analytic-pack.ts';
import { qwenTokenizerFiles } from '../../tools/fixtures/packs/qwen-vocabulary.ts';
import { fakePorts } from '../helpers/fake-ports.ts';
import { dispatchJob, openInferenceServices } from '../helpers/inference-services.ts';
import { makeTempDir, removeDir } from '../helpers/temp-dir.ts';

const RESOURCES = fileURLToPath(new URL('../../resources', import.meta.url));
/** A provider onnxruntime-node does not ship for this platform, so the pool must fall back. */
const MISSING: ProviderId = process.platform === 'darwin' ? 'dml' : 'coreml';

let root: string;
let services: Services;

async function status(target: Services = services): Promise<InferenceStatus> {
  const answer = await target.dispatch(
    'inference.status',
    {},
    { signal: new AbortController().signal },
  );
  if (!answer.ok) {
    throw new Error(`${answer.error.code}: ${answer.error.message}`);
  }
  // What crosses the wire must satisfy the contract's schema.
  return InferenceStatus.parse(answer.value);
}

async function generate(): Promise<JobFinished> {
  const { projectId } = await services.library.create({ name: 'Status' });
  const { finished } = await dispatchJob(services, 'generation.start', {
    projectId,
    caption: 'solo piano',
    durationSeconds: 2,
    seeds: [3],
  });
  return finished;
}

beforeAll(async () => {
  root = await makeTempDir('layerline-inference-status-');
  const dataDir = join(root, 'data');
  await writeAnalyticPack(join(dataDir, 'models'), { tokenizerFiles: qwenTokenizerFiles() });
  services = await openInferenceServices(dataDir, root, { providers: [MISSING, 'cpu'] });
});

afterAll(async () => {
  await services.dispose();
  await removeDir(root);
});

describe('inference.status', () => {
  it('says nothing is in use before a model has loaded', async () => {
    expect(await status()).toEqual({ available: true, inUse: null, sessions: [] });
  });

  it('reports the provider each session runs on and why the first one was not usable', async () => {
    expect((await generate()).status).toBe('succeeded');
    const report = await status();
    expect(report.available).toBe(true);
    expect(report.inUse?.provider).toBe('cpu');
    // The generate task loads the text encoder, the DiT's graphs and the VAE decoder.
    const sessions = report.sessions.map((s) => s.session);
    expect(sessions).toEqual(
      expect.arrayContaining([
        'text-encoder/text_encoder',
        'dit-turbo/dit_step',
        'vae/vae_decoder',
      ]),
    );
    expect(report.inUse).toEqual(report.sessions.at(-1));
    for (const session of report.sessions) {
      expect(session.provider).toBe('cpu');
      expect(session.fallbacks).toHaveLength(1);
      expect(session.fallbacks[0]?.provider).toBe(MISSING);
      // ONNX Runtime's own words, carried from the child unchanged.
      expect(session.fallbacks[0]?.reason).toMatch(/backend not found/);
    }
  });

  it('says the engine is absent when the studio runs without an inference process', async () => {
    const bare = await createServices(
      {
        dataDir: join(root, 'bare'),
        host: 'server',
        appVersion: '0.0.0-test',
        log: createLogger(() => undefined),
        resourcesDir: RESOURCES,
      },
      fakePorts(join(root, 'bare-trash')),
    );
    try {
      expect(await status(bare)).toEqual({ available: false, inUse: null, sessions: [] });
    } finally {
      await bare.dispose();
    }
  });
});
