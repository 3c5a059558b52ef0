/**
 * The three components a generation uses, their graph handles, the constants the host needs
 * from their configs, and the DiT's data arrays (silence latent, null condition).
 */
import { StudioError } from '../../../../app/errors.ts';
import type { InstalledComponent } from '../../models/model-library.ts';
import { configSize, type GraphName } from '../contract/io-contract.ts';
import { graphHandle, readDataArray } from '../runtime/graph-handles.ts';
import {
  bindGraph,
  type GraphHandle,
  type RunGraph,
  type RunSession,
} from '../runtime/host-tensor.ts';

export interface PipelineComponents {
  textEncoder: InstalledComponent;
  dit: InstalledComponent;
  vae: InstalledComponent;
}

export interface PipelineModels {
  graphs: Record<Exclude<GraphName, 'lm_prefill' | 'lm_decode'>, RunGraph>;
  handles: GraphHandle[];
  channels: number;
  hop: number;
  sampleRate: number;
  poolWindow: number;
  timbreFrames: number;
  silenceFrames: number;
  /** silence_latent [silenceFrames, channels] */
  silence: Float32Array;
  /** null_condition_emb [encoderHidden] */
  nullEmbedding: Float32Array;
}

function sameSize(a: InstalledComponent, b: InstalledComponent, key: string): void {
  if (a.manifest.config[key] !== b.manifest.config[key]) {
    throw new StudioError(
      'MODEL_CORRUPT',
      `${a.id} and ${b.id} do not fit together: ${key} is ${String(a.manifest.config[key])} vs ${String(b.manifest.config[key])}.`,
      { components: [a.id, b.id], key },
    );
  }
}

/** The DiT arrays of recently used checkpoints (a few MB each), keyed by folder and version. */
const ARRAYS = new Map<
  string,
  { silence: Awaited<ReturnType<typeof readDataArray>>; nullEmbedding: Float32Array }
>();
const ARRAYS_KEPT = 4;

async function ditArrays(dit: InstalledComponent) {
  const key = `${dit.dir}@${dit.manifest.version}@${dit.manifest.files.map((file) => file.sha256).join(',')}`;
  let arrays = ARRAYS.get(key);
  if (arrays === undefined) {
    arrays = {
      silence: await readDataArray(dit, 'silence_latent'),
      nullEmbedding: (await readDataArray(dit, 'null_condition_emb')).data,
    };
    ARRAYS.set(key, arrays);
    if (ARRAYS.size > ARRAYS_KEPT) {
      ARRAYS.delete(ARRAYS.keys().next().value ?? key);
    }
  }
  return arrays;
}

/** Binds every graph to `run` and reads the DiT's arrays; checks the components fit together. */
export async function loadPipelineModels(
  components: PipelineComponents,
  run: RunSession,
): Promise<PipelineModels> {
  const { textEncoder, dit, vae } = components;
  sameSize(dit, vae, 'latent_channels');
  sameSize(dit, textEncoder, 'text_hidden');
  const pairs: [Exclude<GraphName, 'lm_prefill' | 'lm_decode'>, InstalledComponent][] = [
    ['text_encoder', textEncoder],
    ['token_embed', textEncoder],
    ['condition_encoder', dit],
    ['audio_tokenizer', dit],
    ['audio_detokenizer', dit],
    ['dit_step', dit],
    ['vae_encoder', vae],
    ['vae_decoder', vae],
  ];
  const handles = pairs.map(([graph, component]) => graphHandle(component, graph));
  const graphs = Object.fromEntries(
    handles.map((handle) => [handle.graph, bindGraph(run, handle)]),
  ) as PipelineModels['graphs'];
  // Read-only from here on: the pipeline copies what it changes.
  const { silence, nullEmbedding } = await ditArrays(dit);
  const where = `${dit.id}/component.json`;
  return {
    graphs,
    handles,
    channels: configSize(dit.manifest.config, 'latent_channels', where),
    hop: configSize(vae.manifest.config, 'vae_hop', `${vae.id}/component.json`),
    sampleRate: configSize(vae.manifest.config, 'sample_rate', `${vae.id}/component.json`),
    poolWindow: configSize(dit.manifest.config, 'pool_window', where),
    timbreFrames: configSize(dit.manifest.config, 'timbre_frames', where),
    silenceFrames: silence.shape[0] ?? 0,
    silence: silence.data,
    nullEmbedding,
  };
}
