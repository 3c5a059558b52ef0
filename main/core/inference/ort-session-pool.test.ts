import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SessionProviderReport } from '../../../app/contract/inference-status.ts';
import { createLogger, type LogRecord } from '../../../app/log.ts';
import { committedContract } from '../../../tests/helpers/io-contract.ts';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp-dir.ts';
import { ANALYTIC, writeAnalyticPack } from '../../../tools/fixtures/packs/analytic-pack.ts';
import { GraphBuilder } from '../../../tools/fixtures/packs/onnx-builder.ts';
import { writeComponent } from '../../../tools/fixtures/packs/write-component.ts';
import {
  type InstalledComponent,
  requireComponent,
  scanModelLibrary,
} from '../models/model-library.ts';
import { OrtSessionPool } from './ort-session-pool.ts';
import { graphHandle } from './runtime/graph-handles.ts';
import { float32Output, float32Tensor, int64From, int64Output } from './runtime/host-tensor.ts';

let root: string;
let logs: LogRecord[];

async function pool(options: Partial<ConstructorParameters<typeof OrtSessionPool>[0]> = {}) {
  logs = [];
  return new OrtSessionPool({
    contract: await committedContract(),
    log: createLogger((record) => logs.push(record), { minLevel: 'debug' }),
    providers: ['cpu'],
    intraOpThreads: 1,
    ...options,
  });
}

async function component(id: string): Promise<InstalledComponent> {
  const scan = await scanModelLibrary(root, { contract: await committedContract(), only: [id] });
  return requireComponent(scan, id);
}

beforeAll(async () => {
  root = await makeTempDir();
  await writeAnalyticPack(root);
});

afterAll(async () => {
  await removeDir(root);
});

describe('OrtSessionPool over the analytic pack', () => {
  it('runs the text encoder and counts run time', async () => {
    const p = await pool();
    const text = graphHandle(await component('text-encoder'), 'text_encoder');
    const out = await p.run(text, {
      input_ids: int64From([10, 20, 30], [1, 3]),
      attention_mask: int64From([1, 1, 0], [1, 3]),
    });
    const hidden = float32Output(out, 'last_hidden_state');
    expect(hidden.dims).toEqual([1, 3, ANALYTIC.textHidden]);
    expect(hidden.data[ANALYTIC.textHidden + 2]).toBeCloseTo(20 * ANALYTIC.textWeight(2), 12);
    expect(hidden.data[2 * ANALYTIC.textHidden + 1]).toBe(0);
    expect(p.stats()).toMatchObject({ provider: 'cpu', loads: 1, runs: 1 });
    expect(p.stats().perGraph['text_encoder']?.runs).toBe(1);
    await p.dispose();
  });

  it('round-trips FSQ codes through tokenizer and detokenizer', async () => {
    const p = await pool();
    const dit = await component('dit-turbo');
    const latents = new Float32Array(10 * 4);
    for (let f = 0; f < 10; f += 1) {
      latents[f * 4] = f < 5 ? 0.25 : -0.5;
    }
    const codes = int64Output(
      await p.run(graphHandle(dit, 'audio_tokenizer'), {
        latents: float32Tensor(latents, [1, 10, 4]),
      }),
      'indices',
    );
    expect([...codes.data]).toEqual([32025n, 31950n]);
    const back = float32Output(
      await p.run(graphHandle(dit, 'audio_detokenizer'), {
        indices: { dtype: 'int64', dims: [1, 2], data: codes.data },
      }),
      'latents',
    );
    expect(back.dims).toEqual([1, 10, 4]);
    expect(back.data[0]).toBeCloseTo(0.25, 6);
    expect(back.data[39]).toBeCloseTo(-0.5, 6);
    await p.dispose();
  });

  it('loads lazily, reuses sessions and releases the least recently used beyond the budget', async () => {
    const vae = await component('vae');
    const encoder = graphHandle(vae, 'vae_encoder');
    const decoder = graphHandle(vae, 'vae_decoder');
    const p = await pool({ residentBudgetBytes: Math.max(encoder.bytes, decoder.bytes) + 1 });
    expect(p.loaded()).toEqual([]);
    const audio = new Float32Array(2 * 3 * ANALYTIC.hop).fill(0.5);
    await p.run(encoder, { audio: float32Tensor(audio, [1, 2, 3 * ANALYTIC.hop]) });
    await p.run(encoder, { audio: float32Tensor(audio, [1, 2, 3 * ANALYTIC.hop]) });
    expect(p.stats().loads).toBe(1);
    expect(p.loaded()).toEqual(['vae/vae_encoder']);
    await p.run(decoder, { latents: float32Tensor(new Float32Array(4 * 3), [1, 4, 3]) });
    expect(p.loaded()).toEqual(['vae/vae_decoder']);
    expect(
      logs.some((r) => r.event === 'inference.session_released' && r.fields['reason'] === 'budget'),
    ).toBe(true);
    await p.release('vae');
    expect(p.loaded()).toEqual([]);
    await p.dispose();
  });

  it('falls back to the CPU with a logged and reported reason when a provider cannot load', async () => {
    const reports: SessionProviderReport[] = [];
    const p = await pool({
      // A provider this platform's onnxruntime-node does not have.
      providers: [process.platform === 'darwin' ? 'dml' : 'coreml', 'cpu'],
      onSessionLoaded: (report) => reports.push(report),
    });
    await p.preload(graphHandle(await component('vae'), 'vae_decoder'));
    const fallback = logs.find((r) => r.event === 'inference.provider_fallback');
    expect(fallback?.fields).toMatchObject({ next: 'cpu' });
    expect(String(fallback?.fields['reason'])).not.toBe('');
    expect(p.stats().provider).toBe('cpu');
    // A later session loads straight on the CPU but still says why the GPU provider was dropped.
    await p.preload(graphHandle(await component('vae'), 'vae_encoder'));
    expect(reports.map((r) => [r.session, r.provider])).toEqual([
      ['vae/vae_decoder', 'cpu'],
      ['vae/vae_encoder', 'cpu'],
    ]);
    for (const report of reports) {
      expect(report.fallbacks).toEqual([
        { provider: fallback?.fields['provider'], reason: fallback?.fields['reason'] },
      ]);
    }
    expect(reports[0]?.fallbacks[0]?.reason).toMatch(/backend not found/);
    await p.dispose();
  });

  it('checks the signal before running', async () => {
    const p = await pool();
    const controller = new AbortController();
    controller.abort();
    await expect(
      p.run(graphHandle(await component('vae'), 'vae_decoder'), {}, controller.signal),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    await p.dispose();
  });
});

describe('OrtSessionPool graph validation', () => {
  it('names the file and tensor when a graph breaks the contract', async () => {
    const g = new GraphBuilder('vae_decoder');
    const z = g.input('z', 'float32', ['batch', 4, 'frames']);
    g.output('audio', g.op('Identity', [z]), 'float32', ['batch', 2, 'samples']);
    await writeComponent(
      root,
      {
        id: 'vae-renamed',
        kind: 'vae',
        version: '1',
        contract: 1,
        precision: 'fp32',
        graphs: { vae_encoder: { file: 'enc.onnx' }, vae_decoder: { file: 'dec.onnx' } },
        config: { latent_channels: 4, audio_channels: 2, vae_hop: 1920, sample_rate: 48000 },
      },
      { 'enc.onnx': g.build().model, 'dec.onnx': g.build().model },
    );
    const p = await pool();
    await expect(
      p.preload(graphHandle(await component('vae-renamed'), 'vae_decoder')),
    ).rejects.toMatchObject({
      code: 'MODEL_CORRUPT',
      message: expect.stringContaining('vae-renamed/dec.onnx') as unknown,
      details: { file: 'vae-renamed/dec.onnx', graph: 'vae_decoder', tensor: 'latents' },
    });
    expect(p.loaded()).toEqual([]);
    await p.dispose();
  });

  it('reports an unparseable graph as MODEL_CORRUPT naming its file', async () => {
    const dir = await writeComponent(
      root,
      {
        id: 'vae-garbage',
        kind: 'vae',
        version: '1',
        contract: 1,
        precision: 'fp32',
        graphs: { vae_encoder: { file: 'enc.onnx' }, vae_decoder: { file: 'dec.onnx' } },
        config: { latent_channels: 4, audio_channels: 2, vae_hop: 1920, sample_rate: 48000 },
      },
      { 'enc.onnx': new Uint8Array([1, 2, 3]), 'dec.onnx': new Uint8Array([7, 7, 7, 7]) },
    );
    expect(dir).toContain('vae-garbage');
    const p = await pool();
    await expect(
      p.preload(graphHandle(await component('vae-garbage'), 'vae_decoder')),
    ).rejects.toMatchObject({
      code: 'MODEL_CORRUPT',
      details: { file: 'vae-garbage/dec.onnx' },
    });
    await p.dispose();
  });

  it('loads initializers from an external data file beside the graph', async () => {
    const g = new GraphBuilder('token_embed');
    const ids = g.input('input_ids', 'int64', ['batch', 'tokens']);
    const table = g.constFloat(
      Array.from({ length: 512 * 8 }, (_, i) => i / 8),
      [512, 8],
    );
    g.output('token_embeddings', g.op('Gather', [table, ids]), 'float32', ['batch', 'tokens', 8]);
    const built = g.build({ externalFile: 'token_embed.onnx.data', externalAbove: 1024 });
    expect(built.externalData?.length).toBe(512 * 8 * 4);
    const text = await component('text-encoder');
    const dir = await writeComponent(
      root,
      {
        id: 'text-external',
        kind: 'text-encoder',
        version: '1',
        contract: 1,
        precision: 'fp32',
        graphs: {
          text_encoder: { file: 'text_encoder.onnx' },
          token_embed: { file: 'token_embed.onnx' },
        },
        assets: { tokenizer: 'tokenizer.json', tokenizer_config: 'tokenizer_config.json' },
        config: text.manifest.config,
      },
      {
        'text_encoder.onnx': new Uint8Array([0]),
        'token_embed.onnx': built.model,
        'token_embed.onnx.data': built.externalData ?? new Uint8Array(),
        'tokenizer.json': new TextEncoder().encode('{}'),
        'tokenizer_config.json': new TextEncoder().encode('{}'),
      },
    );
    await writeFile(join(dir, 'unused.txt'), 'not listed');
    const handle = graphHandle(await component('text-external'), 'token_embed');
    expect(handle.bytes).toBe(built.model.length + 512 * 8 * 4);
    const p = await pool();
    const out = float32Output(
      await p.run(handle, { input_ids: int64From([3, 511], [1, 2]) }),
      'token_embeddings',
    );
    expect(out.data[0]).toBe(3);
    expect(out.data[8 + 7]).toBe((511 * 8 + 7) / 8);
    await p.dispose();
  });
});
