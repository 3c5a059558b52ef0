import { readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import { isStudioError } from '../../../../app/errors.ts';
import { committedContract, IO_CONTRACT_PATH } from '../../../../tests/helpers/io-contract.ts';
import { GRAPH_NAMES, parseIoContract, resolveDataShape, resolveGraph } from './io-contract.ts';

const rawContract = async () =>
  JSON.parse(await readFile(IO_CONTRACT_PATH, 'utf8')) as Record<string, unknown>;

describe('the committed IO contract', () => {
  it('defines every graph and component kind and is self-consistent', async () => {
    const contract = await committedContract();
    expect(contract.version).toBe(1);
    expect(Object.keys(contract.graphs).sort()).toEqual([...GRAPH_NAMES].sort());
    expect(contract.components.dit.graphs).toContain('dit_step');
    expect(contract.components.vae.graphs).toEqual(['vae_encoder', 'vae_decoder']);
  });

  it('resolves $ constants from a component config and keeps dynamic axes', async () => {
    const contract = await committedContract();
    const dit = resolveGraph(
      contract,
      'dit_step',
      { latent_channels: 4, context_channels: 8, encoder_hidden: 16 },
      'x',
    );
    expect(dit.inputs.map((t) => [t.name, t.dims])).toEqual([
      ['x_t', ['batch', 'frames', 4]],
      ['t', ['batch']],
      ['t_r', ['batch']],
      ['encoder_hidden_states', ['batch', 'encoder_tokens', 16]],
      ['encoder_mask', ['batch', 'encoder_tokens']],
      ['context_latents', ['batch', 'frames', 8]],
    ]);
    expect(
      resolveDataShape(
        contract.components.dit.data['silence_latent']!,
        { silence_frames: 10, latent_channels: 4 },
        'x',
      ),
    ).toEqual([10, 4]);
  });

  it('expands per-layer tensors', async () => {
    const contract = await committedContract();
    const decode = resolveGraph(
      contract,
      'lm_decode',
      { lm_vocab: 9, lm_layers: 2, lm_kv_heads: 1, lm_head_dim: 4 },
      'x',
    );
    expect(decode.inputs.map((t) => t.name)).toEqual([
      'input_ids',
      'pad_lengths',
      'past.0.key',
      'past.0.value',
      'past.1.key',
      'past.1.value',
    ]);
    expect(decode.outputs.at(-1)).toEqual({
      name: 'new.1.value',
      dtype: 'float32',
      dims: [1, 'batch', 1, 4],
    });
  });

  it('names the missing config key when a constant cannot resolve', async () => {
    const contract = await committedContract();
    expect(() =>
      resolveGraph(
        contract,
        'dit_step',
        { latent_channels: 4, encoder_hidden: 8 },
        'dit/component.json',
      ),
    ).toThrow(/context_channels/);
  });

  it('rejects another version, a missing graph and an unlisted constant', async () => {
    const raw = await rawContract();
    expect(() => parseIoContract({ ...raw, version: 2 }, 'c.json')).toThrow(/version 2/);
    const graphs = { ...(raw['graphs'] as Record<string, unknown>) };
    delete graphs['vae_decoder'];
    expect(() => parseIoContract({ ...raw, graphs }, 'c.json')).toThrow(/c\.json/);
    const components = structuredClone(raw['components']) as Record<string, { config: string[] }>;
    components['vae']!.config = components['vae']!.config.filter(
      (key) => key !== 'latent_channels',
    );
    let caught: unknown;
    try {
      parseIoContract({ ...raw, components }, 'c.json');
    } catch (error) {
      caught = error;
    }
    expect(isStudioError(caught, 'MODEL_CORRUPT')).toBe(true);
    expect((caught as Error).message).toMatch(/constants its config does not list/);
  });
});
