/**
 * The normalised, self-contained description of one generation that the pipeline runs (and
 * that crosses to the inference process as plain data): every default resolved, every seed
 * fixed, sources as PCM files. `request/normalize-request.ts` builds it from a request.
 */
import type { GenerationTask } from '../../../../app/generation/request.ts';
import type { PcmInput } from '../audio-io/pcm-file.ts';
import type { CudaLaunchLimits } from '../noise/philox.ts';
import type { CaptionMetas } from '../text/prompt-templates.ts';

export interface SamplerPlan {
  schedule: 'turbo' | 'base';
  steps: number;
  shift: number;
  /** Turbo custom times (snapped); absent: the shift's table. */
  timesteps?: number[];
  /** 1 = no guidance. */
  guidanceScale: number;
  guidanceMethod: 'apg' | 'adg' | 'cfg';
  cfgInterval: { start: number; end: number };
  solver: 'euler' | 'sde';
}

export interface GenerationPlan {
  task: GenerationTask;
  components: { textEncoder: string; dit: string; vae: string };
  prompt: {
    caption: string;
    lyrics: string;
    language: string;
    /** bpm, time signature, key; the duration is filled from the latent plan. */
    metas: Omit<CaptionMetas, 'durationSeconds'>;
    trackClasses: string[];
  };
  /** text2music without codes: the output length. */
  durationSeconds?: number;
  /** LM or user codes (0..63,999): the context becomes their detokenized latents. */
  audioCodes?: number[];
  /** One per batch item. */
  seeds: number[];
  sampler: SamplerPlan;
  coverStrength: number;
  /** Repaint (required) and lego (optional) region in source seconds; end null = source end. */
  region?: { startSeconds: number; endSeconds: number | null };
  source?: PcmInput;
  reference?: PcmInput;
  repaint: {
    injectionRatio: number;
    crossfadeFrames: number;
    preserveSource: boolean;
    waveformCrossfadeSeconds: number;
  };
  vae: {
    chunkFrames: number;
    overlapFrames: number;
    encodeChunkFrames: number;
    encodeOverlapFrames: number;
  };
  noise: { rounding: 'bfloat16' | 'none'; limits?: CudaLaunchLimits };
  /** Where the pipeline writes item-<i>.wav. */
  outputDir: string;
}

export interface GeneratedItem {
  index: number;
  seed: number;
  path: string;
  samples: number;
  sampleRate: number;
  peak: number;
  normalized: boolean;
}

export interface GenerationOutput {
  items: GeneratedItem[];
  latentFrames: number;
  /** Wall milliseconds per phase, for diagnostics. */
  timings: Record<string, number>;
}

export type PipelinePhase = 'load' | 'encode' | 'diffuse' | 'decode' | 'write';

export interface PipelineProgress {
  phase: PipelinePhase;
  fraction: number;
  step?: number;
  totalSteps?: number;
}
