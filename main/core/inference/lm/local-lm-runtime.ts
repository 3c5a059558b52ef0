/**
 * The LmRuntime where the ONNX sessions live: loads the LM engine once (lazily), runs the
 * planner modes with the reference's sampling defaults, and maps progress and results to the
 * job contract. Audio understanding needs audio → FSQ codes (VAE encode + audio tokenizer),
 * which the DiT side provides through `encodeAudio`.
 */
import { StudioError } from '../../../../app/errors.ts';
import type {
  FormatParams,
  InspireParams,
  LmSampling,
  SongDraft,
} from '../../../../app/model/song-draft.ts';
import type { StereoAudio } from '../../media/generated-audio.ts';
import type { CotMetadata } from './cot-yaml.ts';
import type { LmProgress } from './lm-decoder.ts';
import type { LmJobControl, LmRuntime } from './lm-handlers.ts';
import {
  formatRequest,
  inspire,
  type LmEngine,
  type LmRunOptions,
  type LmSongDraft,
  understandCodes,
} from './lm-planner.ts';
import type { SamplingParams } from './token-sampler.ts';

/** Reference defaults (spec §6.4): temperature 0.85, top-p 0.9, no top-k, no penalty. */
export const DEFAULT_LM_SAMPLING: SamplingParams = {
  temperature: 0.85,
  topK: 0,
  topP: 0.9,
  repetitionPenalty: 1,
  cfgScale: 1,
};
/** Understanding samples cooler (0.3, the reference handler's and acestep.cpp's value). */
export const UNDERSTAND_TEMPERATURE = 0.3;

export interface LocalLmRuntimeDeps {
  /** Loads the engine (scan, tokenizer, sessions); called once, on first use. */
  loadEngine(signal: AbortSignal): Promise<LmEngine>;
  /** 48 kHz stereo audio → 5 Hz FSQ codes; absent → understanding is UNAVAILABLE. */
  encodeAudio?: (audio: StereoAudio, signal: AbortSignal) => Promise<number[]>;
}

export class LocalLmRuntime implements LmRuntime {
  readonly #deps: LocalLmRuntimeDeps;
  #engine: Promise<LmEngine> | undefined;

  constructor(deps: LocalLmRuntimeDeps) {
    this.#deps = deps;
  }

  async inspire(params: InspireParams, control: LmJobControl): Promise<SongDraft> {
    const engine = await this.#load(control);
    const draft = await inspire(
      engine,
      { query: params.query, instrumental: params.instrumental, language: params.language },
      runOptions(params, control, DEFAULT_LM_SAMPLING.temperature),
    );
    return toSongDraft(draft, params.instrumental);
  }

  async format(params: FormatParams, control: LmJobControl): Promise<SongDraft> {
    const engine = await this.#load(control);
    const draft = await formatRequest(
      engine,
      {
        caption: params.caption,
        lyrics: params.lyrics,
        known: {
          bpm: params.bpm,
          durationSeconds: params.durationSeconds,
          keyScale: params.keyScale,
          timeSignature: params.timeSignature,
          language: params.language,
        },
      },
      runOptions(params, control, DEFAULT_LM_SAMPLING.temperature),
    );
    return toSongDraft(draft, false);
  }

  understand(
    input: { audio: StereoAudio } & LmSampling,
    control: LmJobControl,
  ): Promise<SongDraft> {
    const encode = this.#deps.encodeAudio;
    if (encode === undefined) {
      throw new StudioError('UNAVAILABLE', 'Audio understanding needs the DiT audio tokenizer.');
    }
    const { audio, ...sampling } = input;
    return this.understandWith((signal) => encode(audio, signal), sampling, control);
  }

  /** Understanding with the codes from `encode` (phase `encode`), then the LM (phase `plan`). */
  async understandWith(
    encode: (signal: AbortSignal) => Promise<number[]>,
    sampling: LmSampling,
    control: LmJobControl,
  ): Promise<SongDraft> {
    const engine = await this.#load(control);
    control.progress({ phase: 'encode', fraction: 0 });
    const codes = await encode(control.signal);
    control.progress({ phase: 'encode', fraction: 1 });
    const draft = await understandCodes(
      engine,
      { codes },
      runOptions(sampling, control, UNDERSTAND_TEMPERATURE),
    );
    return toSongDraft(draft, false);
  }

  /** The engine, loaded on first use (progress phase `load`). */
  engine(control: LmJobControl): Promise<LmEngine> {
    return this.#load(control);
  }

  async #load(control: LmJobControl): Promise<LmEngine> {
    control.progress({ phase: 'load', fraction: 0 });
    this.#engine ??= this.#deps.loadEngine(control.signal);
    try {
      const engine = await this.#engine;
      control.progress({ phase: 'load', fraction: 1 });
      return engine;
    } catch (error) {
      this.#engine = undefined;
      throw error;
    }
  }
}

function runOptions(
  sampling: LmSampling,
  control: LmJobControl,
  temperature: number,
): LmRunOptions {
  return {
    params: {
      ...DEFAULT_LM_SAMPLING,
      temperature: sampling.temperature ?? temperature,
      topP: sampling.topP ?? DEFAULT_LM_SAMPLING.topP,
      topK: sampling.topK ?? DEFAULT_LM_SAMPLING.topK,
      repetitionPenalty: sampling.repetitionPenalty ?? DEFAULT_LM_SAMPLING.repetitionPenalty,
    },
    seed: sampling.seed ?? Math.floor(Math.random() * 2 ** 32),
    signal: control.signal,
    onProgress: (progress: LmProgress) => {
      control.progress({
        phase: 'plan',
        fraction: Math.min(1, progress.tokens / progress.expectedTokens),
        step: progress.tokens,
        totalSteps: progress.expectedTokens,
      });
    },
  };
}

function numberOrNull(value: string | number | undefined): number | null {
  if (value === undefined) {
    return null;
  }
  const number = typeof value === 'number' ? value : Number.parseInt(value, 10);
  return Number.isFinite(number) ? number : null;
}

/** The planner's draft in the contract's shape. */
export function toSongDraft(draft: LmSongDraft, instrumental: boolean): SongDraft {
  const m: CotMetadata = draft.metadata;
  return {
    caption: m.caption ?? '',
    lyrics: instrumental ? '[Instrumental]' : draft.lyrics,
    instrumental: instrumental || draft.instrumental,
    bpm: numberOrNull(m.bpm),
    durationSeconds: numberOrNull(m.duration),
    keyScale: m.keyscale ?? null,
    timeSignature: numberOrNull(m.timesignature),
    language: m.language ?? null,
    genres: m.genres ?? null,
  };
}
