/**
 * Every task end to end over the exporter's tiny random-weight packs (tests/fixtures/models:
 * PyTorch stand-ins with the real graphs' op mix, exported through tools/export): dynamic
 * axes (lengths, batch sizes, CFG's doubled batch), external data (dit_step.onnx.data), fp16
 * graphs, and the pipeline's invariants on real graph output. Their sizes are tiny: 8 latent
 * channels, hop 16, at most 10 latent frames (the silence latent's length), a 64-id
 * vocabulary; prompts are tokenized with Qwen3 and folded into that vocabulary.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { noopLogger } from '../../app/log.ts';
import type { PcmInput } from '../../main/core/inference/audio-io/pcm-file.ts';
import { OrtSessionPool } from '../../main/core/inference/ort-session-pool.ts';
import { generate } from '../../main/core/inference/pipeline/generate.ts';
import type { GenerationPlan } from '../../main/core/inference/pipeline/generation-plan.ts';
import {
  type PromptEncoder,
  qwenPromptEncoder,
} from '../../main/core/inference/pipeline/prompt-encoder.ts';
import {
  type ModelLibraryScan,
  requireComponent,
  scanModelLibrary,
} from '../../main/core/models/model-library.ts';
import { fixtureTextToMusicPlan } from '../../tools/fixtures/packs/fixture-plan.ts';
import { qwenTextTokenizer } from '../../tools/fixtures/packs/qwen-vocabulary.ts';
import { readFloatWav } from '../helpers/analytic-generation.ts';
import { committedContract } from '../helpers/io-contract.ts';
import { REPO_ROOT } from '../helpers/server-process.ts';
import { makeTempDir, removeDir } from '../helpers/temp-dir.ts';

const PACKS = join(REPO_ROOT, 'tests', 'fixtures', 'models', 'packs');
const VOCAB = 64;
const HOP = 16;

let root: string;
let scan: ModelLibraryScan;
let pool: OrtSessionPool;
let prompts: PromptEncoder;

/** A copy of a committed component under another id and variant (e.g. a base DiT). */
async function copyAs(from: string, id: string, variant: string): Promise<void> {
  const target = join(root, 'models', id);
  await cp(from, target, { recursive: true });
  const manifest = JSON.parse(await readFile(join(target, 'component.json'), 'utf8')) as {
    id: string;
    config: Record<string, unknown>;
  };
  manifest.id = id;
  manifest.config['variant'] = variant;
  await writeFile(join(target, 'component.json'), JSON.stringify(manifest));
}

async function pcm(
  name: string,
  samples: number,
  level: (i: number, ch: number) => number,
): Promise<PcmInput> {
  const data = new Float32Array(samples * 2);
  for (let i = 0; i < samples; i += 1) {
    data[2 * i] = level(i, 0);
    data[2 * i + 1] = level(i, 1);
  }
  const path = join(root, `${name}.f32`);
  await writeFile(path, new Uint8Array(data.buffer));
  return { path, samples };
}

function plan(changes: Partial<GenerationPlan>): GenerationPlan {
  return {
    ...fixtureTextToMusicPlan({
      caption: 'tiny song',
      metas: {},
      seeds: [1],
      repaint: { crossfadeFrames: 1, waveformCrossfadeSeconds: 0 },
      // Windows of 4 frames with 1 of context: several tiles even at 10 frames.
      vae: { chunkFrames: 4, overlapFrames: 1, encodeChunkFrames: 4, encodeOverlapFrames: 1 },
      outputDir: root,
    }),
    audioCodes: [3, 40],
    ...changes,
  };
}

async function run(p: GenerationPlan) {
  const components = {
    textEncoder: requireComponent(scan, p.components.textEncoder),
    dit: requireComponent(scan, p.components.dit),
    vae: requireComponent(scan, p.components.vae),
  };
  const output = await generate(
    { ...p, outputDir: root },
    {
      run: pool.run,
      components,
      prompts,
      log: noopLogger,
      preload: (graph) => pool.preload(graph),
    },
  );
  const items = await Promise.all(output.items.map((item) => readFloatWav(item.path)));
  for (const item of items) {
    expect(item.left.every((v) => Number.isFinite(v) && Math.abs(v) <= 1)).toBe(true);
    expect(item.left.some((v) => v !== 0)).toBe(true);
  }
  return { output, items };
}

beforeAll(async () => {
  root = await makeTempDir('layerline-tiny-');
  for (const id of ['text-encoder', 'vae', 'dit-turbo']) {
    await cp(join(PACKS, 'fp32', id), join(root, 'models', id), { recursive: true });
  }
  await copyAs(join(PACKS, 'fp32', 'dit-turbo'), 'dit-base', 'base');
  await copyAs(join(PACKS, 'fp16', 'dit-turbo'), 'dit-sft', 'sft');
  const contract = await committedContract();
  scan = await scanModelLibrary(join(root, 'models'), { contract });
  expect(scan.damaged).toEqual([]);
  pool = new OrtSessionPool({ contract, log: noopLogger, providers: ['cpu'], intraOpThreads: 1 });
  const qwen = qwenPromptEncoder(
    qwenTextTokenizer(),
    requireComponent(scan, 'text-encoder').manifest.config,
  );
  prompts = {
    caption: (text) => qwen.caption(text).map((id) => id % VOCAB),
    lyric: (text) => qwen.lyric(text).map((id) => id % VOCAB),
  };
});

afterAll(async () => {
  await pool.dispose();
  await removeDir(root);
});

describe('the tiny exported packs, every task', () => {
  it('text2music from audio codes, batch 2, reproducibly', async () => {
    const a = await run(plan({ seeds: [5, 6] }));
    expect(a.output.latentFrames).toBe(10);
    expect(a.items.map((item) => item.left.length)).toEqual([10 * HOP, 10 * HOP]);
    expect(a.items[0]!.left).not.toEqual(a.items[1]!.left);
    const b = await run(plan({ seeds: [5, 6] }));
    expect(b.items[0]!.left).toEqual(a.items[0]!.left);
  });

  it('cover with a source and a reference, switching conditioning halfway', async () => {
    const source = await pcm('cover', 150, (i, ch) => Math.sin(i / (5 + ch)) * 0.5);
    const reference = await pcm('ref', 40, (i) => Math.cos(i / 3) * 0.3);
    const { output, items } = await run(
      plan({ task: 'cover', source, reference, coverStrength: 0.5 }),
    );
    expect(output.latentFrames).toBe(10);
    expect(items[0]!.left.length).toBe(150);
  });

  it('repaint with outpainting keeps the source samples outside the region', async () => {
    const source = await pcm('repaint', 96, (i, ch) => ((i % 9) - 4) / (10 + ch));
    const sourceData = new Float32Array((await readFile(source.path)).buffer.slice(0));
    // 0.5 ms before the start (24 samples) to 1 ms into the source.
    const { items } = await run(
      plan({ task: 'repaint', source, region: { startSeconds: -0.0005, endSeconds: 0.001 } }),
    );
    const out = items[0]!;
    expect(out.left.length).toBe(120);
    for (let i = 4 * HOP; i < 120; i += 1) {
      expect(out.left[i]).toBe(sourceData[2 * (i - 24)]);
    }
  });

  it('lego, extract and complete on a base checkpoint with CFG', async () => {
    const source = await pcm('stems', 140, (i, ch) => Math.sin(i / (4 + ch)) * 0.4);
    const base = { ...plan({}).sampler, schedule: 'base' as const, steps: 3, guidanceScale: 3 };
    const components = { textEncoder: 'text-encoder', dit: 'dit-base', vae: 'vae' };
    const tasks: [GenerationPlan['task'], string[], GenerationPlan['region']][] = [
      ['lego', ['drums'], { startSeconds: 0.001, endSeconds: 0.002 }],
      ['extract', ['vocals'], undefined],
      ['complete', ['drums', 'bass'], undefined],
    ];
    for (const [task, trackClasses, region] of tasks) {
      const { items } = await run(
        plan({
          task,
          source,
          components,
          sampler: base,
          prompt: { ...plan({}).prompt, trackClasses },
          ...(region === undefined ? {} : { region }),
        }),
      );
      expect(items[0]!.left.length).toBe(140);
    }
  });

  it('runs the fp16 DiT with APG and ADG, and the SDE solver', async () => {
    const components = { textEncoder: 'text-encoder', dit: 'dit-sft', vae: 'vae' };
    for (const guidanceMethod of ['apg', 'adg'] as const) {
      await run(
        plan({
          components,
          sampler: {
            ...plan({}).sampler,
            schedule: 'base',
            steps: 2,
            guidanceScale: 5,
            guidanceMethod,
          },
        }),
      );
    }
    await run(plan({ sampler: { ...plan({}).sampler, solver: 'sde' } }));
  });
});
