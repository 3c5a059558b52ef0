/**
 * Request normalisation: a validated GenerationRequest plus what is installed becomes a
 * GenerationPlan with every default resolved and recorded (spec §11 step 1). A separate, pure
 * step, so the LM planner can run between validation and this (filling caption, metadata,
 * language and audio codes) without touching the pipeline.
 */
import { StudioError } from '../../../../app/errors.ts';
import type { GenerationRequest } from '../../../../app/generation/request.ts';
import {
  type InstalledComponent,
  type ModelLibraryScan,
  requireComponent,
} from '../../models/model-library.ts';
import type { PcmInput } from '../audio-io/pcm-file.ts';
import type { GenerationPlan, SamplerPlan } from '../pipeline/generation-plan.ts';
import { snapTurboTimesteps } from '../sampler/schedules.ts';
import { presetFor, type SamplerPreset } from '../tasks/presets.ts';
import { chooseDit, ditVariant } from '../tasks/routing.ts';
import { INSTRUMENTAL_LYRICS, VALID_LANGUAGES } from '../text/prompt-templates.ts';

/** Text2music length when neither the user nor the LM gives one (the reference's meta default). */
export const DEFAULT_DURATION_SECONDS = 30;
/** VAE encode tiles: 30 s with 2 s of context each side (spec §8.2). */
const ENCODE_CHUNK_FRAMES = 750;
const ENCODE_OVERLAP_FRAMES = 50;
/** Waveform cross-fade inside a repaint region's borders. */
const REPAINT_WAVEFORM_CROSSFADE_SECONDS = 0.1;

export interface NormalizeContext {
  /** The model library as scanned (installed and damaged components). */
  scan: ModelLibraryScan;
  source?: PcmInput;
  reference?: PcmInput;
  outputDir: string;
  /** A random 32-bit seed (crypto in production). */
  randomSeed: () => number;
}

export interface DefaultUsed {
  value: unknown;
  source: string;
}

export interface NormalizedGeneration {
  plan: GenerationPlan;
  /** Values the request left out, with where each came from (for provenance). */
  defaults: Record<string, DefaultUsed>;
  components: { textEncoder: InstalledComponent; dit: InstalledComponent; vae: InstalledComponent };
}

/** The component with the kind's standard id, else any of that kind; else MISSING/CORRUPT. */
function requireKind(scan: ModelLibraryScan, kind: 'text-encoder' | 'vae'): InstalledComponent {
  const found =
    scan.installed.find((component) => component.id === kind) ??
    scan.installed.find((component) => component.kind === kind);
  if (found !== undefined) {
    return found;
  }
  if (scan.damaged.some((component) => component.id === kind)) {
    return requireComponent(scan, kind);
  }
  throw new StudioError(
    'MODEL_MISSING',
    `Generation needs the ${kind} component; install "${kind}".`,
    {
      component: kind,
    },
  );
}

/** Explicit seeds, continued +1 per missing item; all random without any. */
export function resolveSeeds(
  seeds: readonly number[] | undefined,
  batch: number,
  random: () => number,
): number[] {
  if (seeds === undefined || seeds.length === 0) {
    return Array.from({ length: batch }, () => random());
  }
  const last = seeds.at(-1) ?? 0;
  return Array.from({ length: batch }, (_, i) => seeds[i] ?? last + (i - seeds.length + 1));
}

function samplerPlan(
  request: GenerationRequest,
  preset: SamplerPreset,
  defaults: Record<string, DefaultUsed>,
): SamplerPlan {
  const pick = <T>(
    name: 'steps' | 'shift' | 'guidanceScale',
    given: T | undefined,
    fallback: T,
  ): T => {
    if (given !== undefined) {
      return given;
    }
    defaults[name] = { value: fallback, source: preset.sources[name] };
    return fallback;
  };
  const common = {
    guidanceMethod: request.guidanceMethod,
    cfgInterval: request.cfgInterval,
    solver: request.solver,
  };
  if (preset.schedule === 'turbo') {
    // Turbo runs its fixed tables: requested steps and guidance do not apply (spec §5.2, §5.3).
    defaults['steps'] = { value: 8, source: preset.sources.steps };
    defaults['guidanceScale'] = { value: 1, source: preset.sources.guidanceScale };
    const timesteps =
      request.timesteps === undefined ? undefined : snapTurboTimesteps(request.timesteps);
    return {
      schedule: 'turbo',
      steps: timesteps?.length ?? 8,
      shift: pick('shift', request.shift, preset.shift),
      ...(timesteps === undefined || timesteps.length === 0 ? {} : { timesteps }),
      guidanceScale: 1,
      ...common,
    };
  }
  if (request.timesteps !== undefined) {
    throw new StudioError('VALIDATION_FAILED', 'Custom timesteps apply to turbo models only.', {
      field: 'timesteps',
    });
  }
  return {
    schedule: 'base',
    steps: pick('steps', request.steps, preset.steps),
    shift: pick('shift', request.shift, preset.shift),
    guidanceScale: pick('guidanceScale', request.guidanceScale, preset.guidanceScale),
    ...common,
  };
}

function advancedPlan(
  advanced: GenerationRequest['advanced'],
): Pick<GenerationPlan, 'repaint' | 'vae' | 'noise'> {
  return {
    repaint: {
      injectionRatio: advanced.repaintInjectionRatio,
      crossfadeFrames: advanced.repaintCrossfadeFrames,
      preserveSource: advanced.preserveSourceOutsideRegion,
      waveformCrossfadeSeconds: REPAINT_WAVEFORM_CROSSFADE_SECONDS,
    },
    vae: {
      chunkFrames: advanced.vaeChunkFrames,
      overlapFrames: advanced.vaeOverlapFrames,
      encodeChunkFrames: ENCODE_CHUNK_FRAMES,
      encodeOverlapFrames: ENCODE_OVERLAP_FRAMES,
    },
    noise: {
      rounding: advanced.noiseRounding,
      ...(advanced.cudaLaunchLimits === undefined ? {} : { limits: advanced.cudaLaunchLimits }),
    },
  };
}

export function normalizeRequest(
  request: GenerationRequest,
  context: NormalizeContext,
): NormalizedGeneration {
  const dit = chooseDit(request.task, request.modelId, context.scan);
  const textEncoder = requireKind(context.scan, 'text-encoder');
  const vae = requireKind(context.scan, 'vae');
  const distilled = dit.manifest.config['distilled_shift'];
  const preset = presetFor(ditVariant(dit), typeof distilled === 'number' ? distilled : undefined);
  const defaults: Record<string, DefaultUsed> = {};
  const language = request.language ?? 'unknown';
  if (!(VALID_LANGUAGES as readonly string[]).includes(language)) {
    throw new StudioError(
      'VALIDATION_FAILED',
      `"${language}" is not a vocal language the model knows.`,
      { field: 'language' },
    );
  }
  const needsSource =
    request.task !== 'text2music' &&
    !(request.task === 'cover' && request.audioCodes !== undefined);
  if (needsSource && context.source === undefined) {
    throw new StudioError('VALIDATION_FAILED', `${request.task} needs a source recording.`, {
      field: 'source',
    });
  }
  let durationSeconds: number | undefined;
  if (request.task === 'text2music' && request.audioCodes === undefined) {
    durationSeconds = request.durationSeconds;
    if (durationSeconds === undefined) {
      durationSeconds = DEFAULT_DURATION_SECONDS;
      defaults['durationSeconds'] = {
        value: durationSeconds,
        source: 'the reference metadata default of 30 s (its random 10-120 s is not reproducible)',
      };
    }
  }
  const seeds = resolveSeeds(request.seeds, request.batchSize, context.randomSeed);
  const advanced = request.advanced;
  const plan: GenerationPlan = {
    task: request.task,
    components: { textEncoder: textEncoder.id, dit: dit.id, vae: vae.id },
    prompt: {
      caption: request.caption,
      lyrics: request.instrumental ? INSTRUMENTAL_LYRICS : request.lyrics,
      language,
      metas: {
        ...(request.metadata.bpm === undefined ? {} : { bpm: request.metadata.bpm }),
        ...(request.metadata.timeSignature === undefined
          ? {}
          : { timeSignature: request.metadata.timeSignature }),
        ...(request.metadata.keyScale === undefined ? {} : { keyScale: request.metadata.keyScale }),
      },
      trackClasses: [...request.trackClasses],
    },
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
    ...(request.audioCodes === undefined ? {} : { audioCodes: [...request.audioCodes] }),
    seeds,
    sampler: samplerPlan(request, preset, defaults),
    coverStrength: request.coverStrength,
    ...(request.region === undefined ? {} : { region: request.region }),
    ...(context.source === undefined || !needsSource ? {} : { source: context.source }),
    ...(context.reference === undefined ? {} : { reference: context.reference }),
    ...advancedPlan(advanced),
    outputDir: context.outputDir,
  };
  return { plan, defaults, components: { textEncoder, dit, vae } };
}
