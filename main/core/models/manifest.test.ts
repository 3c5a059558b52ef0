import { describe, expect, it } from 'vitest';

import { committedContract } from '../../../tests/helpers/io-contract.ts';
import { COMPONENT_SCHEMA, parseComponentManifest } from './manifest.ts';

const SHA = 'a'.repeat(64);

function ditManifest(): Record<string, unknown> {
  return {
    schema: COMPONENT_SCHEMA,
    id: 'dit-turbo',
    kind: 'dit',
    version: '1.5.0',
    contract: 1,
    precision: 'fp32',
    files: [
      ...['condition_encoder', 'audio_tokenizer', 'audio_detokenizer', 'dit_step'].map((name) => ({
        path: `${name}.onnx`,
        bytes: 10,
        sha256: SHA,
      })),
      { path: 'dit_step.onnx.data', bytes: 99, sha256: SHA },
      { path: 'silence_latent.f32', bytes: 10 * 4 * 4, sha256: SHA },
      { path: 'null_condition_emb.f32', bytes: 8 * 4, sha256: SHA },
    ],
    graphs: {
      condition_encoder: { file: 'condition_encoder.onnx' },
      audio_tokenizer: { file: 'audio_tokenizer.onnx' },
      audio_detokenizer: { file: 'audio_detokenizer.onnx' },
      dit_step: { file: 'dit_step.onnx' },
    },
    data: {
      silence_latent: { file: 'silence_latent.f32', dtype: 'float32', shape: [10, 4] },
      null_condition_emb: { file: 'null_condition_emb.f32', dtype: 'float32', shape: [8] },
    },
    config: {
      variant: 'turbo',
      latent_channels: 4,
      context_channels: 8,
      encoder_hidden: 8,
      text_hidden: 6,
      pool_window: 5,
      fsq_codebook: 64000,
      silence_frames: 10,
      timbre_frames: 5,
      hidden_size: 8,
      layers: 1,
      heads: 1,
    },
  };
}

async function parse(json: unknown) {
  return parseComponentManifest(
    JSON.stringify(json),
    await committedContract(),
    'dit-turbo/component.json',
  );
}

describe('parseComponentManifest', () => {
  it('accepts a complete dit manifest and defaults assets', async () => {
    const manifest = await parse(ditManifest());
    expect(manifest.kind).toBe('dit');
    expect(manifest.assets).toEqual({});
    expect(manifest.graphs.dit_step?.file).toBe('dit_step.onnx');
  });

  it('names the manifest and the problem', async () => {
    const noGraph = ditManifest();
    delete (noGraph['graphs'] as Record<string, unknown>)['dit_step'];
    await expect(parse(noGraph)).rejects.toThrow(
      /dit-turbo\/component\.json: lacks graph "dit_step"/,
    );

    const noConfig = ditManifest();
    delete (noConfig['config'] as Record<string, unknown>)['latent_channels'];
    await expect(parse(noConfig)).rejects.toThrow(/lacks config latent_channels/);

    const badShape = ditManifest();
    (badShape['data'] as Record<string, { shape: number[] }>)['silence_latent']!.shape = [10, 5];
    await expect(parse(badShape)).rejects.toThrow(
      /data "silence_latent" has shape \[10, 5\], expected \[10, 4\]/,
    );

    const badBytes = ditManifest();
    (badBytes['files'] as { path: string; bytes: number }[]).find(
      (f) => f.path === 'null_condition_emb.f32',
    )!.bytes = 31;
    await expect(parse(badBytes)).rejects.toThrow(/has 31 bytes, its shape needs 32/);

    const unlisted = ditManifest();
    (unlisted['graphs'] as Record<string, { file: string }>)['dit_step'] = { file: 'other.onnx' };
    await expect(parse(unlisted)).rejects.toThrow(/references files it does not list: other\.onnx/);
  });

  it('rejects paths outside the folder, another contract version and non-JSON', async () => {
    const escape = ditManifest();
    (escape['files'] as { path: string }[])[0]!.path = '../evil.onnx';
    await expect(parse(escape)).rejects.toThrow(/relative path inside the component folder/);
    await expect(parse({ ...ditManifest(), contract: 2 })).rejects.toThrow(/IO contract 2/);
    const contract = await committedContract();
    expect(() => parseComponentManifest('{', contract, 'x/component.json')).toThrow(
      /not valid JSON/,
    );
  });
});
