/**
 * `npm run bench lm`: the 5 Hz LM's host path per token and its flatness.
 *
 * 1. Host time per token (grammar constraint + CFG + sampling + FSM advance) over the real
 *    217,204-id vocabulary with random logits, in the codes phase (64,001 candidates) with and
 *    without CFG, with top-k and with temperature only, and in the free caption (150,536 ids)
 *    with and without CFG; CPU time (all threads of this process) per token, mean over
 *    tokens 100-199 and 2,900-2,999 of a 3,000-code decode. Target: < 0.5 ms per token.
 * 2. The whole decode loop (host + KV cache + ONNX Runtime) on the tiny random-weight LM with
 *    the real vocabulary: ms per token near token 100 and near token 3,000 — flat when the host
 *    copies no cache (the tiny graph's own attention grows, but is small).
 * GPU: tokens per second of a full-size 0.6B decoder on CUDA is measured only on a GPU machine
 * (not part of this script's CPU run).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { CotFsm, type CotPlan } from '../../main/core/inference/lm/cot-fsm.ts';
import {
  buildCotVocabulary,
  type CotVocabulary,
} from '../../main/core/inference/lm/cot-vocabulary.ts';
import { generateCodes } from '../../main/core/inference/lm/lm-planner.ts';
import { SeededRandom } from '../../main/core/inference/lm/seeded-random.ts';
import {
  type SamplingParams,
  TokenHistory,
  TokenSampler,
} from '../../main/core/inference/lm/token-sampler.ts';
import { qwenLmTokenizer } from '../fixtures/packs/qwen-vocabulary.ts';
import { openTinyLm } from '../fixtures/packs/tiny-lm-engine.ts';

const PARAMS: SamplingParams = {
  temperature: 0.85,
  topK: 0,
  topP: 0.9,
  repetitionPenalty: 1,
  cfgScale: 2,
};
const fmt = (ms: number): string => `${ms.toFixed(3)} ms`;

function meanOf(times: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) {
    sum += times[i] ?? 0;
  }
  return sum / (to - from);
}

/** CPU time (user + system, ms) of this process so far; robust to other processes' load. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Per-token wall times, and CPU ms per token over tokens 100-199 and the last 100. */
interface HostTimes {
  wall: Float64Array;
  cpuEarly: number;
  cpuLate: number;
}

/** Times `tokens` host steps of an FSM plan against random logits (2 rows when guided). */
function hostSteps(
  vocabulary: CotVocabulary,
  plan: CotPlan,
  params: SamplingParams,
  tokens: number,
): HostTimes {
  const vocab = vocabulary.table.vocabSize;
  const random = new SeededRandom(11);
  const pool = new Float32Array(vocab * 4);
  for (let i = 0; i < pool.length; i++) {
    pool[i] = (random.next() - 0.5) * 16;
  }
  const sampler = new TokenSampler(vocab);
  const history = new TokenHistory(vocab);
  const fsm = new CotFsm(vocabulary, plan);
  const times = new Float64Array(tokens);
  // Collect the previous run's garbage and this setup's now, so that the collection does not
  // land in (and its helper threads' CPU time count against) the measured tokens.
  (globalThis as { gc?: () => void }).gc?.();
  const cpuAt = new Map<number, number>();
  const marks = new Set([100, 200, tokens - 100, tokens]);
  for (let t = 0; t < tokens && !fsm.done; t++) {
    if (marks.has(t)) {
      cpuAt.set(t, cpuMs());
    }
    const cond = Math.floor(random.next() * vocab);
    const started = performance.now();
    const id = sampler.sample(
      pool,
      cond,
      params.cfgScale === 1 ? -1 : cond + vocab,
      fsm.constraint(),
      params,
      history,
      random,
    );
    fsm.advance(id);
    history.add(id);
    times[t] = performance.now() - started;
  }
  cpuAt.set(tokens, cpuMs());
  const span = (from: number, to: number): number =>
    ((cpuAt.get(to) ?? 0) - (cpuAt.get(from) ?? 0)) / (to - from);
  return { wall: times, cpuEarly: span(100, 200), cpuLate: span(tokens - 100, tokens) };
}

function reportFlat(label: string, times: HostTimes): void {
  const early = meanOf(times.wall, 100, 200);
  const late = meanOf(times.wall, times.wall.length - 100, times.wall.length);
  console.log(
    `${label}: wall ${fmt(early)} (tokens 100-199) / ${fmt(late)} (last 100), ratio ` +
      `${(late / early).toFixed(2)}; CPU ${fmt(times.cpuEarly)} / ${fmt(times.cpuLate)}, ratio ` +
      (times.cpuLate / times.cpuEarly).toFixed(2),
  );
}

/** Part 1: the host path per token in each decoding mode. */
function reportHost(vocabulary: CotVocabulary): void {
  const codes: CotPlan = { fields: [], after: 'codes', codesOnly: true, targetCodes: 3000 };
  hostSteps(vocabulary, codes, PARAMS, 300); // warm-up
  reportFlat('host, codes phase, CFG 2, top-p 0.9', hostSteps(vocabulary, codes, PARAMS, 3000));
  reportFlat(
    'host, codes phase, no CFG',
    hostSteps(vocabulary, codes, { ...PARAMS, cfgScale: 1 }, 3000),
  );
  reportFlat(
    'host, codes phase, CFG, top-k 50',
    hostSteps(vocabulary, codes, { ...PARAMS, topK: 50, topP: 1 }, 3000),
  );
  reportFlat(
    'host, codes phase, CFG, temperature only (top-p 1)',
    hostSteps(vocabulary, codes, { ...PARAMS, topP: 1 }, 3000),
  );
  const caption: CotPlan = {
    fields: ['caption', 'duration'],
    after: 'stop',
    captionMaxTokens: 512,
  };
  for (const cfgScale of [2, 1]) {
    const captionTimes = hostSteps(vocabulary, caption, { ...PARAMS, cfgScale }, 400);
    console.log(
      `host, free caption (whole vocabulary), ${cfgScale === 1 ? 'no CFG' : 'CFG'}: wall ` +
        `${fmt(meanOf(captionTimes.wall, 50, 400))}, CPU ${fmt(captionTimes.cpuLate)}`,
    );
  }
}

async function main(): Promise<void> {
  let started = performance.now();
  const tokenizer = qwenLmTokenizer();
  console.log(`LM tokenizer (217,204 ids) loaded in ${fmt(performance.now() - started)}`);
  started = performance.now();
  const vocabulary = buildCotVocabulary(tokenizer);
  for (const field of ['bpm', 'duration', 'keyscale', 'language', 'timesignature'] as const) {
    vocabulary.valueTrie(field);
  }
  console.log(`grammar tables built in ${fmt(performance.now() - started)}`);

  reportHost(vocabulary);
  const load = loadavg().map((l) => l.toFixed(1));
  console.log(`load average during the run: ${load.join(' ')} on ${cpus().length} cores`);

  const root = await mkdtemp(join(tmpdir(), 'lm-bench-'));
  const tiny = await openTinyLm(root, { seed: 3, maxTokens: 4096 });
  const engine = tiny.engine;
  for (const cfgScale of [2, 1]) {
    const stamps: number[] = [];
    await generateCodes(
      engine,
      {
        caption: 'bench',
        lyrics: '[Instrumental]',
        metadata: { bpm: 120, duration: 600 },
        targetCodes: 3000,
      },
      {
        params: { ...PARAMS, cfgScale },
        seed: 1,
        onProgress: (p) => stamps.push(p.tokens, performance.now()),
      },
    );
    const perToken = (fromToken: number, toToken: number): number => {
      const at = (token: number): [number, number] => {
        for (let i = 0; i < stamps.length; i += 2) {
          if ((stamps[i] ?? 0) >= token) {
            return [stamps[i] ?? 0, stamps[i + 1] ?? 0];
          }
        }
        return [stamps.at(-2) ?? 0, stamps.at(-1) ?? 0];
      };
      const [t0, s0] = at(fromToken);
      const [t1, s1] = at(toToken);
      return (s1 - s0) / (t1 - t0);
    };
    const early = perToken(100, 300);
    const late = perToken(2800, 3000);
    console.log(
      `tiny LM loop (ORT CPU, ${cfgScale === 1 ? 'no CFG' : 'CFG 2'}): tokens 100-300 ${fmt(early)}/token, 2800-3000 ${fmt(late)}/token, ratio ${(late / early).toFixed(2)}`,
    );
  }
  await tiny.dispose();
  await rm(root, { recursive: true, force: true });
  console.log('GPU (CUDA 0.6B tokens/s): not measured here — needs a GPU machine.');
}

await main();
