/**
 * Runs the real pipeline in-process over an analytic pack (tools/fixtures/packs) with the real
 * session pool, recording every dit_step call, and reads the WAV files it writes.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { noopLogger } from '../../app/log.ts';
import type { PcmInput } from '../../main/core/inference/audio-io/pcm-file.ts';
import { OrtSessionPool } from '../../main/core/inference/ort-session-pool.ts';
import { generate } from '../../main/core/inference/pipeline/generate.ts';
import type {
  GenerationOutput,
  GenerationPlan,
  PipelineProgress,
} from '../../main/core/inference/pipeline/generation-plan.ts';
import { qwenPromptEncoder } from '../../main/core/inference/pipeline/prompt-encoder.ts';
import type { Feeds, RunSession } from '../../main/core/inference/runtime/host-tensor.ts';
import {
  type InstalledComponent,
  requireComponent,
  scanModelLibrary,
} from '../../main/core/models/model-library.ts';
import {
  ANALYTIC,
  type AnalyticPackOptions,
  writeAnalyticPack,
} from '../../tools/fixtures/packs/analytic-pack.ts';
import { fixtureTextToMusicPlan } from '../../tools/fixtures/packs/fixture-plan.ts';
import { qwenTextTokenizer } from '../../tools/fixtures/packs/qwen-vocabulary.ts';
import { committedContract } from './io-contract.ts';
import { makeTempDir, removeDir } from './temp-dir.ts';

export interface DitCall {
  x: Float32Array;
  t: Float32Array;
  tr: Float32Array;
  encoder: Float32Array;
  encoderDims: readonly number[];
  mask: Float32Array;
  context: Float32Array;
  v: Float32Array;
}

/**
 * h[c] of a recorded dit_step call, in float64: the masked mean over encoder positions of
 * batch row `row`'s encoder states, latent channels only (what the analytic DiT adds to target).
 */
export function encoderMaskedMean(call: DitCall, row: number): number[] {
  const [, tokens = 0, hidden = 0] = call.encoderDims;
  return Array.from({ length: ANALYTIC.latentChannels }, (_, c) => {
    let sum = 0;
    let count = 0;
    for (let k = 0; k < tokens; k += 1) {
      const m = call.mask[row * tokens + k] ?? 0;
      sum += m * (call.encoder[(row * tokens + k) * hidden + c] ?? 0);
      count += m;
    }
    return sum / count;
  });
}

export interface DecodedItem {
  left: Float32Array;
  right: Float32Array;
  sampleRate: number;
}

export interface AnalyticRun {
  output: GenerationOutput;
  items: DecodedItem[];
  ditCalls: DitCall[];
  graphCalls: string[];
  progress: PipelineProgress[];
}

export interface AnalyticHarness {
  root: string;
  ditId: string;
  pool: OrtSessionPool;
  /** A plan with test defaults, overridden by `changes`. */
  plan(changes?: Partial<GenerationPlan>): GenerationPlan;
  run(
    plan: GenerationPlan,
    options?: { signal?: AbortSignal; onProgress?: (progress: PipelineProgress) => void },
  ): Promise<AnalyticRun>;
  writeSource(name: string, left: Float32Array, right: Float32Array): Promise<PcmInput>;
  dispose(): Promise<void>;
}

/** Reads a float32 stereo WAV as written by WavFloatWriter. */
export async function readFloatWav(path: string): Promise<DecodedItem> {
  const bytes = await readFile(path);
  // Walk the chunks: the studio's own WAVs carry a JUNK (RF64 reserve) and a fact chunk.
  let at = 12;
  let sampleRate = 0;
  let dataAt = -1;
  let dataBytes = 0;
  while (at + 8 <= bytes.length && dataAt < 0) {
    const id = bytes.toString('latin1', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      sampleRate = bytes.readUInt32LE(at + 12);
    } else if (id === 'data') {
      dataAt = at + 8;
      dataBytes = size;
    }
    at += 8 + size + (size % 2);
  }
  const samples = Math.floor(dataBytes / 8);
  const left = new Float32Array(samples);
  const right = new Float32Array(samples);
  for (let i = 0; i < samples; i += 1) {
    left[i] = bytes.readFloatLE(dataAt + i * 8);
    right[i] = bytes.readFloatLE(dataAt + i * 8 + 4);
  }
  return { left, right, sampleRate };
}

const copy = (feeds: Feeds, name: string): Float32Array => {
  const data = feeds[name]?.data;
  return data instanceof Float32Array ? data.slice() : new Float32Array();
};

export async function analyticHarness(options: AnalyticPackOptions = {}): Promise<AnalyticHarness> {
  const root = await makeTempDir('layerline-analytic-');
  const pack = await writeAnalyticPack(join(root, 'models'), options);
  const contract = await committedContract();
  const scan = await scanModelLibrary(pack.root, { contract });
  const component = (id: string): InstalledComponent => requireComponent(scan, id);
  const pool = new OrtSessionPool({
    contract,
    log: noopLogger,
    providers: ['cpu'],
    intraOpThreads: 1,
  });
  const tokenizer = qwenTextTokenizer();
  let runs = 0;
  const harness: AnalyticHarness = {
    root,
    ditId: pack.ditId,
    pool,
    plan: (changes = {}) => ({
      ...fixtureTextToMusicPlan({
        caption: 'warm synth pads',
        metas: { bpm: 120 },
        seeds: [1],
        repaint: { crossfadeFrames: 4, waveformCrossfadeSeconds: 0.02 },
        // Small tiles so that every test crosses tile borders.
        vae: { chunkFrames: 32, overlapFrames: 4, encodeChunkFrames: 40, encodeOverlapFrames: 4 },
        outputDir: '',
      }),
      components: { textEncoder: pack.textEncoderId, dit: pack.ditId, vae: pack.vaeId },
      durationSeconds: 4,
      ...changes,
    }),
    run: async (plan, runOptions = {}) => {
      runs += 1;
      const outputDir = join(root, `out-${runs}`);
      await mkdir(outputDir, { recursive: true });
      const ditCalls: DitCall[] = [];
      const graphCalls: string[] = [];
      const progress: PipelineProgress[] = [];
      const recording: RunSession = async (graph, feeds, signal) => {
        graphCalls.push(graph.graph);
        const outputs = await pool.run(graph, feeds, signal);
        if (graph.graph === 'dit_step') {
          ditCalls.push({
            x: copy(feeds, 'x_t'),
            t: copy(feeds, 't'),
            tr: copy(feeds, 't_r'),
            encoder: copy(feeds, 'encoder_hidden_states'),
            encoderDims: feeds['encoder_hidden_states']?.dims ?? [],
            mask: copy(feeds, 'encoder_mask'),
            context: copy(feeds, 'context_latents'),
            v: copy(outputs, 'v'),
          });
        }
        return outputs;
      };
      const output = await generate(
        { ...plan, outputDir: plan.outputDir === '' ? outputDir : plan.outputDir },
        {
          run: recording,
          components: {
            textEncoder: component(plan.components.textEncoder),
            dit: component(plan.components.dit),
            vae: component(plan.components.vae),
          },
          prompts: qwenPromptEncoder(
            tokenizer,
            component(plan.components.textEncoder).manifest.config,
          ),
          log: noopLogger,
          preload: (graph) => pool.preload(graph),
          onProgress: (p) => {
            progress.push(p);
            runOptions.onProgress?.(p);
          },
          ...(runOptions.signal === undefined ? {} : { signal: runOptions.signal }),
        },
      );
      const items = await Promise.all(output.items.map((item) => readFloatWav(item.path)));
      return { output, items, ditCalls, graphCalls, progress };
    },
    writeSource: async (name, left, right) => {
      const path = join(root, `${name}.f32`);
      const interleaved = new Float32Array(left.length * 2);
      left.forEach((value, i) => {
        interleaved[2 * i] = value;
        interleaved[2 * i + 1] = right[i] ?? 0;
      });
      await writeFile(path, new Uint8Array(interleaved.buffer));
      return { path, samples: left.length };
    },
    dispose: async () => {
      await pool.dispose();
      await removeDir(root);
    },
  };
  return harness;
}

/** Audio constant over each 1920-sample hop (so the analytic VAE round trip is exact). */
export function steppedAudio(
  seconds: number,
  level: (hop: number, channel: 0 | 1) => number,
): {
  left: Float32Array;
  right: Float32Array;
} {
  const samples = Math.round(seconds * 48000);
  const left = new Float32Array(samples);
  const right = new Float32Array(samples);
  for (let i = 0; i < samples; i += 1) {
    const hop = Math.floor(i / 1920);
    left[i] = level(hop, 0);
    right[i] = level(hop, 1);
  }
  return { left, right };
}
