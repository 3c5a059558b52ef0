/**
 * Per-checkpoint sampler defaults, each with where it comes from (spec §5.2, §5.7, §2.8).
 */
export type DitVariant = 'turbo' | 'sft' | 'base';

export interface SamplerPreset {
  /** turbo: fixed 8-step tables; base/sft: linspace schedule. */
  schedule: 'turbo' | 'base';
  steps: number;
  shift: number;
  /** 1 = no guidance (a single forward per step). */
  guidanceScale: number;
  /** Where each default comes from. */
  sources: { steps: string; shift: string; guidanceScale: string };
}

const TURBO: SamplerPreset = {
  schedule: 'turbo',
  steps: 8,
  shift: 3,
  guidanceScale: 1,
  sources: {
    steps:
      'fixed 8-step tables; the checkpoint ignores infer_steps (HFT generate_audio, spec §5.2)',
    shift: 'REST API, Gradio and acestep.cpp default 3.0 (the Python API says 1.0; spec §5.7)',
    guidanceScale: 'turbo is guidance-distilled; CFG is not adjustable (spec §5.3)',
  },
};

const GUIDED: Omit<SamplerPreset, 'sources'> & { sources: SamplerPreset['sources'] } = {
  schedule: 'base',
  steps: 50,
  shift: 3,
  guidanceScale: 7,
  sources: {
    steps: 'model zoo recommendation 50 (README; the Gradio UI shows 32; spec §2.8, §5.2)',
    shift: 'REST API and Gradio default 3.0 (acestep.cpp uses 1.0; spec §5.7)',
    guidanceScale: 'Python API, REST API and Gradio default 7.0 (spec §5.3, §5.7)',
  },
};

/**
 * The preset of a DiT checkpoint. The turbo-shift1/3 checkpoints were distilled on one shift
 * only (spec §2.8), given as `distilledShift` from their component config.
 */
export function presetFor(variant: DitVariant, distilledShift?: number): SamplerPreset {
  if (variant !== 'turbo') {
    return GUIDED;
  }
  if (distilledShift === undefined) {
    return TURBO;
  }
  return {
    ...TURBO,
    shift: distilledShift,
    sources: { ...TURBO.sources, shift: `distilled on shift ${distilledShift} only (spec §2.8)` },
  };
}
