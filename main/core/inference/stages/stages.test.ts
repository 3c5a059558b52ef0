/** Stages over fake RunGraph functions: feeds, layouts and tile bookkeeping, no ONNX Runtime. */
import { describe, expect, it } from 'vitest';

import type { Feeds, Outputs, RunGraph } from '../runtime/host-tensor.ts';
import { DitVelocity } from './dit-velocity.ts';
import { detokenizeCodes, tokenizeLatents } from './fsq.ts';
import { encodeConditioning } from './text-conditioning.ts';
import { decodeLatents, encodeAudio } from './vae-codec.ts';

function fake(fn: (feeds: Feeds) => Outputs): { run: RunGraph; calls: Feeds[] } {
  const calls: Feeds[] = [];
  return {
    calls,
    run: (feeds) => {
      calls.push(feeds);
      return Promise.resolve(fn(feeds));
    },
  };
}

const f32 = (data: Float32Array, dims: number[]) => ({ dtype: 'float32' as const, dims, data });

describe('DitVelocity', () => {
  it('doubles the batch for CFG: conditional rows first, null rows after, x copied into both', async () => {
    const dims = { batch: 2, frames: 3, channels: 2 };
    const dit = fake((feeds) => {
      const x = feeds['x_t']!.data as Float32Array;
      const enc = feeds['encoder_hidden_states']!.data as Float32Array;
      // v = x + first encoder value of the row (per row), to tell the halves apart.
      const v = x.map((value, i) => value + (enc[Math.floor(i / 6) * 4] ?? 0));
      return { v: f32(v, feeds['x_t']!.dims as number[]) };
    });
    const velocity = new DitVelocity(dit.run, dims, true);
    velocity.setConditioning(
      {
        hidden: Float32Array.from([10, 11, 20, 21]),
        mask: Float32Array.from([1, 1]),
        tokens: 2,
        hiddenSize: 2,
      },
      Float32Array.from([-1, -2]),
      new Float32Array(3 * 4).fill(0.5),
    );
    const x = Float32Array.from({ length: 12 }, (_, i) => i);
    const { cond, uncond } = await velocity.evaluate(x, 0.75);
    const feeds = dit.calls[0]!;
    expect(feeds['x_t']!.dims).toEqual([4, 3, 2]);
    expect([...(feeds['t']!.data as Float32Array)]).toEqual([0.75, 0.75, 0.75, 0.75]);
    expect(feeds['t_r']!.data).toEqual(feeds['t']!.data);
    expect([...(feeds['encoder_hidden_states']!.data as Float32Array)]).toEqual([
      10, 11, 20, 21, 10, 11, 20, 21, -1, -2, -1, -2, -1, -2, -1, -2,
    ]);
    expect(feeds['context_latents']!.dims).toEqual([4, 3, 4]);
    expect([...cond]).toEqual([...x].map((v) => v + 10));
    expect([...(uncond ?? [])]).toEqual([...x].map((v) => v - 1));
  });

  it('runs the batch once without CFG', async () => {
    const dit = fake(() => ({ v: f32(new Float32Array(6), [1, 3, 2]) }));
    const velocity = new DitVelocity(dit.run, { batch: 1, frames: 3, channels: 2 }, false);
    velocity.setConditioning(
      { hidden: new Float32Array(2), mask: Float32Array.from([1]), tokens: 1, hiddenSize: 2 },
      new Float32Array(2),
      new Float32Array(12),
    );
    const { uncond } = await velocity.evaluate(new Float32Array(6), 1);
    expect(uncond).toBeNull();
    expect(dit.calls[0]!['x_t']!.dims).toEqual([1, 3, 2]);
  });
});

describe('FSQ stages', () => {
  it('pads to whole groups with the silence rows and crops the detokenized latents', async () => {
    const tok = fake(() => ({
      indices: { dtype: 'int64', dims: [1, 2], data: BigInt64Array.from([7n, 9n]) },
    }));
    const silence = Float32Array.from({ length: 20 }, (_, i) => 100 + i);
    const codes = await tokenizeLatents(
      tok.run,
      new Float32Array(7 * 2).fill(1),
      { frames: 7, channels: 2 },
      silence,
      5,
    );
    expect([...codes]).toEqual([7n, 9n]);
    const fed = tok.calls[0]!['latents']!;
    expect(fed.dims).toEqual([1, 10, 2]);
    expect([...(fed.data as Float32Array).subarray(14)]).toEqual([114, 115, 116, 117, 118, 119]);
    const detok = fake(() => ({
      latents: f32(
        Float32Array.from({ length: 20 }, (_, i) => i),
        [1, 10, 2],
      ),
    }));
    const latents = await detokenizeCodes(detok.run, codes, { frames: 7, channels: 2 }, 5);
    expect(latents.length).toBe(14);
    expect(latents[13]).toBe(13);
  });
});

describe('encodeConditioning', () => {
  it('feeds ones masks, the reference as item 0, and returns the packed states', async () => {
    const text = fake(() => ({ last_hidden_state: f32(new Float32Array(3 * 4), [1, 3, 4]) }));
    const lyric = fake(() => ({ token_embeddings: f32(new Float32Array(2 * 4), [1, 2, 4]) }));
    const cond = fake(() => ({
      encoder_hidden_states: f32(new Float32Array(6 * 8).fill(2), [1, 6, 8]),
      encoder_mask: f32(new Float32Array(6).fill(1), [1, 6]),
    }));
    const states = await encodeConditioning(
      { textEncoder: text.run, tokenEmbed: lyric.run, conditionEncoder: cond.run },
      {
        captionIds: [1, 2, 3],
        lyricIds: [4, 5],
        refLatents: new Float32Array(5 * 2),
        refFrames: 5,
        latentChannels: 2,
      },
    );
    expect(states).toMatchObject({ tokens: 6, hiddenSize: 8 });
    expect([...(text.calls[0]!['attention_mask']!.data as BigInt64Array)]).toEqual([1n, 1n, 1n]);
    expect(cond.calls[0]!['ref_latents']!.dims).toEqual([1, 5, 2]);
    expect([...(cond.calls[0]!['ref_order']!.data as BigInt64Array)]).toEqual([0n]);
  });
});

describe('VAE tiling', () => {
  it('decodes windows with context and keeps exactly each core, in order', async () => {
    const hop = 4;
    // Fake decoder: every sample of frame f in the window carries the latent value of f.
    const decoder = fake((feeds) => {
      const lat = feeds['latents']!;
      const frames = lat.dims[2] ?? 0;
      const out = new Float32Array(2 * frames * hop);
      for (let f = 0; f < frames; f += 1) {
        for (let k = 0; k < hop; k += 1) {
          out[f * hop + k] = (lat.data as Float32Array)[f] ?? 0;
          out[frames * hop + f * hop + k] = -((lat.data as Float32Array)[frames + f] ?? 0);
        }
      }
      return { audio: f32(out, [1, 2, frames * hop]) };
    });
    const frames = 37;
    const latents = Float32Array.from({ length: frames * 2 }, (_, i) =>
      i % 2 === 0 ? i / 2 : 1000 + (i - 1) / 2,
    );
    const left: number[] = [];
    const right: number[] = [];
    const starts: number[] = [];
    await decodeLatents(
      decoder.run,
      latents,
      frames,
      { channels: 2, hop },
      { chunkFrames: 10, overlapFrames: 2 },
      (l, r, at) => {
        starts.push(at);
        left.push(...l);
        right.push(...r);
        return Promise.resolve();
      },
    );
    expect(decoder.calls.length).toBe(Math.ceil(37 / 6));
    expect(starts).toEqual([0, 24, 48, 72, 96, 120, 144]);
    expect(left).toEqual(Array.from({ length: frames * hop }, (_, s) => Math.floor(s / hop)));
    expect(right).toEqual(
      Array.from({ length: frames * hop }, (_, s) => -(1000 + Math.floor(s / hop))),
    );
  });

  it('encodes windows read on demand and keeps each core frame-major', async () => {
    const hop = 4;
    const encoder = fake((feeds) => {
      const audio = feeds['audio']!;
      const samples = audio.dims[2] ?? 0;
      const frames = samples / hop;
      const mean = new Float32Array(3 * frames);
      for (let c = 0; c < 3; c += 1) {
        for (let f = 0; f < frames; f += 1) {
          mean[c * frames + f] = ((audio.data as Float32Array)[f * hop] ?? 0) * (c + 1);
        }
      }
      return { mean: f32(mean, [1, 3, frames]), scale: f32(mean, [1, 3, frames]) };
    });
    const reads: [number, number][] = [];
    const latents = await encodeAudio(
      encoder.run,
      (start, count) => {
        reads.push([start, count]);
        return Promise.resolve({
          left: Float32Array.from({ length: count }, (_, i) => Math.floor((start + i) / hop)),
          right: new Float32Array(count),
        });
      },
      20,
      { channels: 3, hop },
      { chunkFrames: 8, overlapFrames: 1 },
    );
    expect(reads[1]).toEqual([5 * hop, 8 * hop]);
    expect([...latents.subarray(0, 6)]).toEqual([0, 0, 0, 1, 2, 3]);
    expect(latents[19 * 3 + 2]).toBe(19 * 3);
  });

  it('refuses NaN in decoded audio', async () => {
    const decoder = fake(() => ({
      audio: f32(new Float32Array(2 * 8).fill(Number.NaN), [1, 2, 8]),
    }));
    await expect(
      decodeLatents(
        decoder.run,
        new Float32Array(4),
        2,
        { channels: 2, hop: 4 },
        { chunkFrames: 8, overlapFrames: 0 },
        () => Promise.resolve(),
      ),
    ).rejects.toMatchObject({
      code: 'INFERENCE_FAILED',
    });
  });
});
