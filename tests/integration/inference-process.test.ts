/**
 * The inference process for real: a forked child running the pipeline over analytic packs,
 * with cancellation, a SIGKILL mid-run, a child stuck in a blocking call, and damaged models.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GenerationRequest, type GenerationRequestInput } from '../../app/generation/request.ts';
import { noopLogger } from '../../app/log.ts';
import type {
  GenerationOutput,
  PipelineProgress,
} from '../../main/core/inference/pipeline/generation-plan.ts';
import { InferenceClient } from '../../main/core/inference/process/inference-client.ts';
import { normalizeRequest } from '../../main/core/inference/request/normalize-request.ts';
import { scanModelLibrary } from '../../main/core/models/model-library.ts';
import { forkChannel } from '../../main/core/process/child-process-channel.ts';
import { ANALYTIC, writeAnalyticPack } from '../../tools/fixtures/packs/analytic-pack.ts';
import { qwenTokenizerFiles } from '../../tools/fixtures/packs/qwen-vocabulary.ts';
import { readFloatWav } from '../helpers/analytic-generation.ts';
import { committedContract, IO_CONTRACT_PATH } from '../helpers/io-contract.ts';
import { makeTempDir, removeDir } from '../helpers/temp-dir.ts';

const CHILD = fileURLToPath(new URL('../fixtures/inference-test-child.ts', import.meta.url));
const PROJECT = '00000000-0000-4000-8000-000000000001';

let root: string;
let modelsDir: string;
let client: InferenceClient;
let outputs = 0;

async function plan(input: Partial<GenerationRequestInput>) {
  const scan = await scanModelLibrary(modelsDir, { contract: await committedContract() });
  const outputDir = join(root, `out-${++outputs}`);
  await mkdir(outputDir, { recursive: true });
  const request = GenerationRequest.parse({
    projectId: PROJECT,
    caption: 'lofi piano',
    durationSeconds: 4,
    seeds: [1],
    ...input,
  });
  return normalizeRequest(request, { scan, outputDir, randomSeed: () => 1 }).plan;
}

function generate(
  p: unknown,
  options: { signal?: AbortSignal; onProgress?: (p: PipelineProgress) => void } = {},
) {
  return client.run<GenerationOutput>(
    'generate',
    { modelsDir, plan: p },
    {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onProgress: (progress) => options.onProgress?.(progress as PipelineProgress),
    },
  );
}

beforeAll(async () => {
  root = await makeTempDir('layerline-inference-');
  modelsDir = join(root, 'models');
  const tokenizerFiles = qwenTokenizerFiles();
  await writeAnalyticPack(modelsDir, { tokenizerFiles });
  // A slow DiT (about 0.1-0.3 s per step on one thread) for cancelling and killing mid-run.
  await writeAnalyticPack(modelsDir, { tokenizerFiles, ditId: 'dit-turbo-shift3', stepCost: 60 });
  client = new InferenceClient({
    channel: () => forkChannel(CHILD),
    init: { contractPath: IO_CONTRACT_PATH, providers: ['cpu'], intraOpThreads: 1 },
    log: noopLogger,
    cancelGraceMs: 1500,
  });
});

afterAll(async () => {
  await client.dispose();
  await removeDir(root);
});

describe('the inference process', () => {
  it('generates a WAV file with staged progress', async () => {
    const phases: string[] = [];
    const output = await generate(await plan({}), { onProgress: (p) => phases.push(p.phase) });
    expect(output.items).toHaveLength(1);
    const item = output.items[0]!;
    expect(existsSync(item.path)).toBe(true);
    const audio = await readFloatWav(item.path);
    expect(audio.left.length).toBe(4 * 48000);
    expect(audio.left[1000]).toBeGreaterThan(ANALYTIC.silence(0));
    expect([...new Set(phases)]).toEqual(['load', 'encode', 'diffuse', 'decode', 'write']);
  });

  it('cancels within a step, without restarting the process', async () => {
    const starts = client.starts;
    const pid = client.pid;
    const controller = new AbortController();
    let stepAtCancel = 0;
    let lastStep = 0;
    await expect(
      generate(await plan({ modelId: 'dit-turbo-shift3' }), {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'diffuse') {
            lastStep = p.step ?? 0;
            if (lastStep >= 1 && stepAtCancel === 0) {
              stepAtCancel = lastStep;
              controller.abort();
            }
          }
        },
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(lastStep - stepAtCancel).toBeLessThanOrEqual(1);
    await generate(await plan({}));
    expect(client.starts).toBe(starts);
    expect(client.pid).toBe(pid);
  });

  it('fails a job cleanly when the process is killed mid-run, and runs the next one', async () => {
    let killed = false;
    const first = client.pid;
    await expect(
      generate(await plan({ modelId: 'dit-turbo-shift3' }), {
        onProgress: (p) => {
          if (p.phase === 'diffuse' && !killed && client.pid !== null) {
            killed = true;
            process.kill(client.pid, 'SIGKILL');
          }
        },
      }),
    ).rejects.toMatchObject({ code: 'INFERENCE_PROCESS_CRASHED' });
    const output = await generate(await plan({}));
    expect(output.items).toHaveLength(1);
    expect(client.pid).not.toBe(first);
  });

  it('kills and restarts a process that cannot stop within the grace period', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const hung = client.run('hang', null, { signal: controller.signal });
    setTimeout(() => {
      controller.abort();
    }, 200);
    await expect(hung).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(10_000);
    const starts = client.starts;
    await generate(await plan({}));
    expect(client.starts).toBe(starts + 1);
  });

  it('reports damaged and missing models by file and component', async () => {
    const good = await plan({});
    await expect(
      generate({ ...good, components: { ...good.components, dit: 'dit-nope' } }),
    ).rejects.toMatchObject({
      code: 'MODEL_MISSING',
      details: { component: 'dit-nope' },
    });
    const file = join(modelsDir, 'dit-turbo-shift3', 'condition_encoder.onnx');
    const bytes = await readFile(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    const shift3 = await plan({ modelId: 'dit-turbo-shift3' }).catch((error: unknown) => error);
    // The parent's scan already sees the damage; the child reports it the same way.
    expect(shift3).toMatchObject({
      code: 'MODEL_CORRUPT',
      details: { file: 'condition_encoder.onnx' },
    });
    await expect(
      generate({ ...good, components: { ...good.components, dit: 'dit-turbo-shift3' } }),
    ).rejects.toMatchObject({
      code: 'MODEL_CORRUPT',
      details: { component: 'dit-turbo-shift3', file: 'condition_encoder.onnx', reason: 'hash' },
    });
  });
});
