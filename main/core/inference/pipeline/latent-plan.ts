/**
 * How long the latent sequence is and where the source and the region sit in it (spec §1,
 * §3.4, §4). Coordinates are "padded": outpainting pads the source with silence on the left
 * (start < 0) or right (end past the source), and the padded audio starts at sample 0.
 */
import { StudioError } from '../../../../app/errors.ts';
import type { GenerationTask } from '../../../../app/generation/request.ts';

export interface LatentPlan {
  frames: number;
  /** Samples per channel of the result (the padded source length, or frames × hop). */
  outputSamples: number;
  /** Where source sample 0 lands in padded coordinates (outpainting before the start). */
  sourceOffsetSamples: number;
  /** Region frames [start, end) in padded coordinates; null: no region. */
  region: { start: number; end: number } | null;
  /** The duration the caption prompt states, seconds. */
  durationSeconds: number;
}

export interface LatentPlanInput {
  task: GenerationTask;
  sampleRate: number;
  hop: number;
  durationSeconds?: number;
  audioCodeCount?: number;
  poolWindow: number;
  sourceSamples?: number;
  region?: { startSeconds: number; endSeconds: number | null };
  maxFrames: number;
}

export function planLatents(input: LatentPlanInput): LatentPlan {
  const { sampleRate, hop } = input;
  const framesPerSecond = sampleRate / hop;
  let plan: LatentPlan;
  if (input.sourceSamples === undefined) {
    let frames: number;
    if (input.audioCodeCount !== undefined) {
      frames = input.audioCodeCount * input.poolWindow;
    } else {
      // The reference rounds the duration to 0.1 s, then takes whole hops (spec §1).
      const duration = Math.round((input.durationSeconds ?? 30) * 10) / 10;
      frames = Math.floor(Math.round(duration * sampleRate) / hop);
    }
    plan = {
      frames,
      outputSamples: frames * hop,
      sourceOffsetSamples: 0,
      region: null,
      durationSeconds: frames / framesPerSecond,
    };
  } else {
    plan = planWithSource(input, input.sourceSamples);
  }
  if (plan.frames < 1 || plan.frames > input.maxFrames) {
    throw new StudioError(
      'VALIDATION_FAILED',
      `The result would be ${plan.frames} latent frames; the model allows 1 to ${input.maxFrames} (${input.maxFrames / framesPerSecond} s).`,
      {
        frames: plan.frames,
        maxFrames: input.maxFrames,
      },
    );
  }
  return plan;
}

function planWithSource(input: LatentPlanInput, sourceSamples: number): LatentPlan {
  const { sampleRate, hop } = input;
  const sourceSeconds = sourceSamples / sampleRate;
  const region = input.region;
  const outpaint = input.task === 'repaint' && region !== undefined;
  const start = region?.startSeconds ?? 0;
  const end = region?.endSeconds ?? sourceSeconds;
  const padLeft = outpaint && start < 0 ? Math.round(-start * sampleRate) : 0;
  const padRight =
    outpaint && end > sourceSeconds ? Math.round((end - sourceSeconds) * sampleRate) : 0;
  const padded = sourceSamples + padLeft + padRight;
  const frames = Math.ceil(padded / hop);
  let framesRegion: LatentPlan['region'] = null;
  if (region !== undefined) {
    const offset = padLeft / sampleRate;
    const toFrame = (seconds: number) => Math.floor(((seconds + offset) * sampleRate) / hop);
    const first = Math.min(Math.max(toFrame(start), 0), frames - 1);
    const last = Math.min(Math.max(toFrame(end), first + 1), frames);
    framesRegion = { start: first, end: last };
  }
  return {
    frames,
    outputSamples: padded,
    sourceOffsetSamples: padLeft,
    region: framesRegion,
    durationSeconds: padded / sampleRate,
  };
}
