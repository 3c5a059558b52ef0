/**
 * The "lm" task of the inference process (where the ONNX sessions live): simple mode, query
 * rewriting, audio understanding and generation thinking over an installed LM component. The
 * engine (tokenizer + grammar tables) is built once per component and kept for the process's
 * life. Audio for understanding arrives as a PCM file and is encoded here (VAE encoder, then the
 * DiT's FSQ audio tokenizer) into 5 Hz codes.
 */
import { z } from 'zod';

import { StudioError } from '../../../../app/errors.ts';
import { FormatParams, InspireParams, LmSampling } from '../../../../app/model/song-draft.ts';
import { requireComponent, scanModelLibrary } from '../../models/model-library.ts';
import { type PcmInput, readPcmWindow } from '../audio-io/pcm-file.ts';
import type { TaskContext, TaskHandler } from '../process/task-registry.ts';
import { graphHandle, readDataArray } from '../runtime/graph-handles.ts';
import { bindGraph } from '../runtime/host-tensor.ts';
import { tokenizeLatents } from '../stages/fsq.ts';
import { encodeAudio } from '../stages/vae-codec.ts';
import { loadLmEngine } from './lm-component.ts';
import type { LmJobProgress } from './lm-handlers.ts';
import type { LmEngine } from './lm-planner.ts';
import { think } from './lm-thinking.ts';
import { LocalLmRuntime } from './local-lm-runtime.ts';

const Pcm = z.object({ path: z.string().min(1), samples: z.number().int().min(1) });
const Where = z.object({ modelsDir: z.string().min(1), lmId: z.string().min(1) });

export const ThinkingInputSchema = z.object({
  task: z.enum(['text2music', 'cover', 'repaint', 'lego', 'extract', 'complete']),
  caption: z.string(),
  lyrics: z.string(),
  instrumental: z.boolean(),
  language: z.string().optional(),
  bpm: z.number().optional(),
  timeSignature: z.number().int().optional(),
  keyScale: z.string().optional(),
  durationSeconds: z.number().optional(),
  audioCodes: z.array(z.number().int().min(0)).optional(),
  batch: z.number().int().min(1).max(8),
  negativePrompt: z.string().optional(),
  thinking: z.boolean(),
  useCotMetas: z.boolean(),
  useCotCaption: z.boolean(),
  useCotLanguage: z.boolean(),
});

export const LmTaskPayload = z.discriminatedUnion('mode', [
  Where.extend({ mode: z.literal('inspire'), params: InspireParams }),
  Where.extend({ mode: z.literal('format'), params: FormatParams }),
  Where.extend({
    mode: z.literal('understand'),
    ditId: z.string().min(1),
    vaeId: z.string().min(1),
    audio: Pcm,
    sampling: LmSampling,
  }),
  Where.extend({
    mode: z.literal('think'),
    input: ThinkingInputSchema,
    sampling: LmSampling.extend({
      cfgScale: z.number().min(1).max(10).optional(),
      metadataTemperature: z.number().min(0).max(2).optional(),
      codesTemperature: z.number().min(0).max(2).optional(),
    }),
  }),
]);
export type LmTaskPayload = z.input<typeof LmTaskPayload>;

/** Tiles of 30 s with 2 s of context for the VAE encoder (spec §14). */
const ENCODE_TILES = { chunkFrames: 750, overlapFrames: 50 };

/** 48 kHz stereo PCM → FSQ codes with the VAE encoder and the DiT's audio tokenizer. */
async function encodeToCodes(
  payload: Extract<z.output<typeof LmTaskPayload>, { mode: 'understand' }>,
  context: TaskContext,
  onFraction: (fraction: number) => void,
): Promise<number[]> {
  const ids = [payload.ditId, payload.vaeId];
  const scan = await scanModelLibrary(payload.modelsDir, {
    contract: context.contract,
    only: ids,
    signal: context.signal,
  });
  const dit = requireComponent(scan, payload.ditId);
  const vae = requireComponent(scan, payload.vaeId);
  const channels = Number(dit.manifest.config['latent_channels']);
  const hop = Number(vae.manifest.config['vae_hop']);
  const poolWindow = Number(dit.manifest.config['pool_window']);
  const silence = await readDataArray(dit, 'silence_latent');
  const maxFrames = silence.shape[0] ?? 0;
  const frames = Math.min(maxFrames, Math.floor(payload.audio.samples / hop));
  if (!(frames > 0) || !(channels > 0) || !(poolWindow > 0)) {
    throw new StudioError('VALIDATION_FAILED', 'The audio is too short to understand.');
  }
  const input: PcmInput = payload.audio;
  const latents = await encodeAudio(
    bindGraph(context.run, graphHandle(vae, 'vae_encoder')),
    (start, count) => readPcmWindow(input, start, count),
    frames,
    { channels, hop },
    ENCODE_TILES,
    (done, total) => {
      onFraction(done / total);
    },
    context.signal,
  );
  const codes = await tokenizeLatents(
    bindGraph(context.run, graphHandle(dit, 'audio_tokenizer')),
    latents,
    { frames, channels },
    silence.data,
    poolWindow,
    context.signal,
  );
  return Array.from(codes, (code) => Number(code));
}

/** The task handler; keeps one engine per LM component. */
export function lmTask(): TaskHandler {
  const engines = new Map<string, Promise<LmEngine>>();
  const engineFor = async (
    modelsDir: string,
    lmId: string,
    context: TaskContext,
  ): Promise<LmEngine> => {
    const scan = await scanModelLibrary(modelsDir, {
      contract: context.contract,
      only: [lmId],
      signal: context.signal,
    });
    const component = requireComponent(scan, lmId);
    const key = `${component.dir}@${component.manifest.version}`;
    let engine = engines.get(key);
    if (engine === undefined) {
      engine = loadLmEngine(component, context.run);
      engines.set(key, engine);
      engine.catch(() => engines.delete(key));
    }
    return engine;
  };
  return async (raw, context) => {
    const parsed = LmTaskPayload.safeParse(raw);
    if (!parsed.success) {
      throw new StudioError(
        'VALIDATION_FAILED',
        `Invalid LM task: ${z.prettifyError(parsed.error)}`,
      );
    }
    const payload = parsed.data;
    const control = {
      signal: context.signal,
      progress: (progress: LmJobProgress) => {
        context.progress(progress);
      },
    };
    const runtime = new LocalLmRuntime({
      loadEngine: () => engineFor(payload.modelsDir, payload.lmId, context),
    });
    switch (payload.mode) {
      case 'inspire':
        return runtime.inspire(payload.params, control);
      case 'format':
        return runtime.format(payload.params, control);
      case 'understand':
        return runtime.understandWith(
          () =>
            encodeToCodes(payload, context, (fraction) => {
              control.progress({ phase: 'encode', fraction });
            }),
          payload.sampling,
          control,
        );
      case 'think':
        return runThink(payload, await runtime.engine(control), control);
    }
  };
}

function runThink(
  payload: Extract<z.output<typeof LmTaskPayload>, { mode: 'think' }>,
  engine: LmEngine,
  control: { signal: AbortSignal; progress: (p: LmJobProgress) => void },
) {
  const { sampling, input } = payload;
  return think(engine, input, {
    params: {
      temperature: sampling.temperature ?? 0.85,
      topP: sampling.topP ?? 0.9,
      topK: sampling.topK ?? 0,
      repetitionPenalty: sampling.repetitionPenalty ?? 1,
      cfgScale: sampling.cfgScale ?? 2,
    },
    seed: sampling.seed ?? 0,
    phaseTemperatures: { metadata: sampling.metadataTemperature, codes: sampling.codesTemperature },
    signal: control.signal,
    onProgress: (progress) => {
      control.progress({
        phase: 'plan',
        fraction: Math.min(1, progress.tokens / progress.expectedTokens),
        step: progress.tokens,
        totalSteps: progress.expectedTokens,
      });
    },
  });
}
