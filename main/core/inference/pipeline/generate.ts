/**
 * One generation, end to end (spec §11): load the graphs, encode sources and text, sample,
 * protect the repaint region, decode each item to a WAV file. Control flow only: the work is
 * in stages/ (one graph each) and sampler/; ONNX Runtime is reached through `run` alone.
 */
import { StudioError, throwIfCancelled } from '../../../../app/errors.ts';
import type { Logger } from '../../../../app/log.ts';
import { cudaRandn } from '../noise/philox.ts';
import type { GraphHandle, RunSession } from '../runtime/host-tensor.ts';
import { buildSchedule, type Schedule } from '../sampler/schedules.ts';
import { DitVelocity } from '../stages/dit-velocity.ts';
import { assertFinite } from '../stages/vae-codec.ts';
import { decodeItems, type SpliceSpec } from './decode-items.ts';
import type {
  GenerationOutput,
  GenerationPlan,
  PipelinePhase,
  PipelineProgress,
} from './generation-plan.ts';
import { type LatentPlan, planLatents } from './latent-plan.ts';
import {
  loadPipelineModels,
  type PipelineComponents,
  type PipelineModels,
} from './pipeline-models.ts';
import type { PromptEncoder } from './prompt-encoder.ts';
import { blendWithSource, softRegionMask } from './repaint.ts';
import { runSampling } from './sampling-loop.ts';
import { encodeUnits, prepareConditioning, type TaskConditioning } from './task-conditioning.ts';

export interface PipelineDeps {
  run: RunSession;
  components: PipelineComponents;
  /** Prompt text to token ids (see prompt-encoder.ts). */
  prompts: PromptEncoder;
  log: Logger;
  /** Loads (and validates) a graph without running it; the load phase uses it when given. */
  preload?: (graph: GraphHandle) => Promise<void>;
  onProgress?: (progress: PipelineProgress) => void;
  signal?: AbortSignal;
}

export function scheduleOf(plan: GenerationPlan): Schedule {
  const sampler = plan.sampler;
  return sampler.schedule === 'turbo'
    ? buildSchedule({
        kind: 'turbo',
        shift: sampler.shift,
        ...(sampler.timesteps === undefined ? {} : { timesteps: sampler.timesteps }),
      })
    : buildSchedule({ kind: 'base', steps: sampler.steps, shift: sampler.shift });
}

/** The graphs a plan runs (the VAE encoder and FSQ graphs only when needed). */
function neededGraphs(plan: GenerationPlan, models: PipelineModels): GraphHandle[] {
  const cover = plan.task === 'cover' || plan.audioCodes !== undefined;
  return models.handles.filter((handle) => {
    if (handle.graph === 'vae_encoder') {
      return plan.source !== undefined || plan.reference !== undefined;
    }
    if (handle.graph === 'audio_tokenizer') {
      return cover && plan.audioCodes === undefined;
    }
    return handle.graph !== 'audio_detokenizer' || cover;
  });
}

/** Initial noise [batch, frames, channels]: each item its own generator (spec §5.5). */
export function initialNoise(
  plan: GenerationPlan,
  frames: number,
  channels: number,
  seedOffset = 0,
): Float32Array {
  const perItem = frames * channels;
  const noise = new Float32Array(plan.seeds.length * perItem);
  plan.seeds.forEach((seed, item) => {
    cudaRandn(seed + seedOffset, noise.subarray(item * perItem, (item + 1) * perItem), {
      rounding: plan.noise.rounding,
      ...(plan.noise.limits === undefined ? {} : { limits: plan.noise.limits }),
    });
  });
  return noise;
}

function progressReporter(deps: PipelineDeps, timings: Record<string, number>) {
  let phaseStarted = performance.now();
  let current: PipelinePhase | null = null;
  return (
    phase: PipelinePhase,
    fraction: number,
    extra: { step?: number; totalSteps?: number } = {},
  ) => {
    if (phase !== current) {
      const now = performance.now();
      if (current !== null) {
        timings[current] = (timings[current] ?? 0) + now - phaseStarted;
      }
      current = phase;
      phaseStarted = now;
    }
    deps.onProgress?.({ phase, fraction: Math.min(1, Math.max(0, fraction)), ...extra });
  };
}

function checkLatents(x: Float32Array): void {
  assertFinite(x, 'latents');
  if (x.every((value) => value === 0)) {
    throw new StudioError('INFERENCE_FAILED', 'The model produced silent (all-zero) latents.');
  }
}

async function sample(
  plan: GenerationPlan,
  latent: LatentPlan,
  models: PipelineModels,
  conditioning: TaskConditioning,
  deps: PipelineDeps,
  report: ReturnType<typeof progressReporter>,
): Promise<Float32Array> {
  const dims = { batch: plan.seeds.length, frames: latent.frames, channels: models.channels };
  const schedule = scheduleOf(plan);
  const guided = plan.sampler.guidanceScale > 1;
  const velocity = new DitVelocity(models.graphs.dit_step, dims, guided);
  velocity.setConditioning(
    conditioning.main.states,
    models.nullEmbedding,
    conditioning.main.context,
  );
  const noise = initialNoise(plan, latent.frames, models.channels);
  const total = schedule.timesteps.length;
  const switchTo = conditioning.switchTo;
  const clean = conditioning.clean;
  const x = await runSampling({
    dims,
    schedule,
    noise,
    velocity,
    guidance: guided
      ? {
          scale: plan.sampler.guidanceScale,
          method: plan.sampler.guidanceMethod,
          interval: plan.sampler.cfgInterval,
        }
      : null,
    solver: plan.sampler.solver,
    // acestep.cpp's choice for reproducible SDE: fresh noise seeded seed + step + 1.
    freshNoise: (step) => initialNoise(plan, latent.frames, models.channels, step + 1),
    ...(switchTo === null
      ? {}
      : {
          switchConditioning: {
            at: switchTo.atStep,
            apply: () => {
              velocity.setConditioning(
                switchTo.conditioning.states,
                models.nullEmbedding,
                switchTo.conditioning.context,
              );
            },
          },
        }),
    ...(clean === null || latent.region === null
      ? {}
      : {
          repaint: {
            keep: conditioning.mask.map((m) => 1 - m),
            clean,
            injectSteps: Math.round(plan.repaint.injectionRatio * total),
          },
        }),
    onStep: (done, steps) => {
      report('diffuse', done / steps, { step: done, totalSteps: steps });
    },
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
  });
  if (clean !== null && latent.region !== null) {
    blendWithSource(
      x,
      clean,
      softRegionMask(latent.frames, latent.region, plan.repaint.crossfadeFrames),
      dims,
    );
  }
  checkLatents(x);
  return x;
}

function spliceSpec(
  plan: GenerationPlan,
  latent: LatentPlan,
  hop: number,
  sampleRate: number,
): SpliceSpec | null {
  if (
    plan.task !== 'repaint' ||
    !plan.repaint.preserveSource ||
    plan.source === undefined ||
    latent.region === null
  ) {
    return null;
  }
  const start = latent.region.start * hop;
  const end = Math.min(latent.region.end * hop, latent.outputSamples);
  const crossfade = Math.min(
    Math.round(plan.repaint.waveformCrossfadeSeconds * sampleRate),
    Math.floor((end - start) / 2),
  );
  return { source: plan.source, offset: latent.sourceOffsetSamples, start, end, crossfade };
}

export async function generate(
  plan: GenerationPlan,
  deps: PipelineDeps,
): Promise<GenerationOutput> {
  const timings: Record<string, number> = {};
  const report = progressReporter(deps, timings);
  const log = deps.log.child('generate');
  report('load', 0);
  const models = await loadPipelineModels(deps.components, deps.run);
  const needed = neededGraphs(plan, models);
  for (const [index, handle] of needed.entries()) {
    throwIfCancelled(deps.signal);
    await deps.preload?.(handle);
    report('load', (index + 1) / needed.length);
  }
  const latent = planLatents({
    task: plan.task,
    sampleRate: models.sampleRate,
    hop: models.hop,
    poolWindow: models.poolWindow,
    maxFrames: models.silenceFrames,
    ...(plan.durationSeconds === undefined ? {} : { durationSeconds: plan.durationSeconds }),
    ...(plan.audioCodes === undefined || plan.source !== undefined
      ? {}
      : { audioCodeCount: plan.audioCodes.length }),
    ...(plan.source === undefined ? {} : { sourceSamples: plan.source.samples }),
    ...(plan.region === undefined ? {} : { region: plan.region }),
  });
  log.info('generate.plan', {
    task: plan.task,
    frames: latent.frames,
    batch: plan.seeds.length,
    region: latent.region,
  });
  const units = encodeUnits(plan, latent);
  let unitsDone = 0;
  report('encode', 0);
  const conditioning = await prepareConditioning(plan, latent, {
    models,
    prompts: deps.prompts,
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    onUnit: () => {
      unitsDone += 1;
      report('encode', unitsDone / units);
    },
  });
  report('diffuse', 0, { step: 0, totalSteps: scheduleOf(plan).timesteps.length });
  const latents = await sample(plan, latent, models, conditioning, deps, report);
  report('decode', 0);
  const items = await decodeItems({
    run: models.graphs.vae_decoder,
    latents,
    seeds: plan.seeds,
    frames: latent.frames,
    outputSamples: latent.outputSamples,
    sampleRate: models.sampleRate,
    shape: { channels: models.channels, hop: models.hop },
    tiles: { chunkFrames: plan.vae.chunkFrames, overlapFrames: plan.vae.overlapFrames },
    outputDir: plan.outputDir,
    splice: spliceSpec(plan, latent, models.hop, models.sampleRate),
    onTile: (done, total) => {
      report('decode', done / total);
    },
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
  });
  report('write', 1);
  return { items, latentFrames: latent.frames, timings };
}
