/**
 * Small packs for model-manager tests: valid `layerline.component/1` manifests (graphs, data
 * arrays, assets and config of their kind, tiny sizes), random bytes for the graph files,
 * serving from the fake model server and writing as exported folders.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { FakeModelServer } from './fake-model-server.ts';

export interface TestPack {
  id: string;
  precision: 'fp32' | 'fp16';
  files: Map<string, Buffer>;
  /** The component.json text, as the exporter writes it. */
  manifestText: string;
  bytes: number;
}

type Kind = 'text-encoder' | 'dit' | 'vae' | 'lm';

const KINDS: Record<
  Kind,
  {
    graphs: string[];
    data: Record<string, number[]>;
    assets: string[];
    config: Record<string, number | string>;
  }
> = {
  'text-encoder': {
    graphs: ['text_encoder', 'token_embed'],
    data: {},
    assets: ['tokenizer', 'tokenizer_config'],
    config: { text_hidden: 16, pad_token_id: 0, max_caption_tokens: 8, max_lyric_tokens: 8 },
  },
  dit: {
    graphs: ['condition_encoder', 'audio_tokenizer', 'audio_detokenizer', 'dit_step'],
    data: { silence_latent: [10, 8], null_condition_emb: [16] },
    assets: [],
    config: {
      variant: 'turbo',
      latent_channels: 8,
      context_channels: 16,
      encoder_hidden: 16,
      text_hidden: 16,
      pool_window: 5,
      fsq_codebook: 64,
      silence_frames: 10,
      timbre_frames: 10,
      hidden_size: 16,
      layers: 2,
      heads: 2,
    },
  },
  vae: {
    graphs: ['vae_encoder', 'vae_decoder'],
    data: {},
    assets: [],
    config: { latent_channels: 8, audio_channels: 2, vae_hop: 16, sample_rate: 48000 },
  },
  lm: {
    graphs: ['lm_prefill', 'lm_decode'],
    data: {},
    assets: ['tokenizer', 'tokenizer_config'],
    config: { lm_vocab: 32, lm_layers: 2, lm_kv_heads: 2, lm_head_dim: 4 },
  },
};

function kindOf(id: string): Kind {
  return id.startsWith('dit-') ? 'dit' : id.startsWith('lm-') ? 'lm' : (id as Kind);
}

/** A pack of component `id`; `sizes` gives graph files (`<graph>.onnx`) other sizes. */
export function makePack(
  id: string,
  precision: 'fp32' | 'fp16',
  sizes: Record<string, number> = {},
  kind: Kind = kindOf(id),
): TestPack {
  const spec = KINDS[kind];
  const files = new Map<string, Buffer>();
  const graphs: Record<string, { file: string }> = {};
  for (const graph of spec.graphs) {
    const file = `${graph}.onnx`;
    graphs[graph] = { file };
    files.set(file, randomBytes(sizes[file] ?? 1000));
  }
  for (const [file, size] of Object.entries(sizes)) {
    if (!files.has(file)) {
      files.set(file, randomBytes(size));
    }
  }
  const data: Record<string, { file: string; dtype: 'float32'; shape: number[] }> = {};
  for (const [name, shape] of Object.entries(spec.data)) {
    const file = `${name}.f32`;
    data[name] = { file, dtype: 'float32', shape };
    files.set(file, randomBytes(4 * shape.reduce((a, b) => a * b, 1)));
  }
  const assets: Record<string, string> = {};
  for (const role of spec.assets) {
    assets[role] = `${role}.json`;
    files.set(`${role}.json`, Buffer.from('{"model":{}}'));
  }
  const manifest = {
    schema: 'layerline.component/1',
    id,
    kind,
    version: `1.5.0-${precision}-test`,
    contract: 1,
    precision,
    files: [...files].map(([path, bytes]) => ({
      path,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    })),
    graphs,
    data,
    assets,
    config: spec.config,
  };
  const bytes = [...files.values()].reduce((sum, file) => sum + file.length, 0);
  return { id, precision, files, manifestText: `${JSON.stringify(manifest, null, 2)}\n`, bytes };
}

/** Serves `pack` at `<prefix>/<precision>/<id>/…`, the layout the catalog's `pack` names. */
export function servePack(server: FakeModelServer, pack: TestPack, prefix = '/packs'): string {
  const base = `${prefix}/${pack.precision}/${pack.id}`;
  server.files.set(`${base}/component.json`, Buffer.from(pack.manifestText));
  for (const [path, data] of pack.files) {
    server.files.set(`${base}/${path}`, data);
  }
  return base;
}

/** Writes `pack` as an exported folder under `dir/<id>`. */
export async function writePackFolder(dir: string, pack: TestPack): Promise<string> {
  const root = join(dir, pack.id);
  for (const [path, data] of pack.files) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), data);
  }
  await writeFile(join(root, 'component.json'), pack.manifestText);
  return root;
}
