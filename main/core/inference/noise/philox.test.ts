import { describe, expect, it } from 'vitest';

import {
  boxMuller,
  cudaRandn,
  philox4x32x10,
  roundToBfloat16,
  seedKey,
  threadCount,
} from './philox.ts';

const hex = (words: Uint32Array) => [...words].map((w) => w.toString(16).padStart(8, '0'));

describe('Philox4x32-10', () => {
  // Random123's published known-answer vectors (tests/kat_vectors of the reference distribution).
  it('matches the Random123 known-answer vectors', () => {
    const out = new Uint32Array(4);
    philox4x32x10(0, 0, 0, 0, 0, 0, out);
    expect(hex(out)).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
    philox4x32x10(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, out);
    expect(hex(out)).toEqual(['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd']);
    philox4x32x10(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out);
    expect(hex(out)).toEqual(['d16cfe09', '94fdcceb', '5001e420', '24126ea1']);
  });
});

describe('cuRAND Box-Muller', () => {
  it('maps the smallest words to u = 2^-33, v = π·2^-32', () => {
    const pair = new Float64Array(2);
    boxMuller(0, 0, pair);
    const s = Math.sqrt(66 * Math.LN2); // sqrt(-2 ln 2^-33)
    const v = Math.fround(Math.fround(2 * Math.PI) * 2 ** -33);
    expect(pair[0]).toBeCloseTo(s * Math.sin(v), 12);
    expect(pair[1]).toBeCloseTo(s, 5);
  });

  it('gives standard normals: mean 0, variance 1, symmetric tails', () => {
    const values = cudaRandn(7, new Float32Array(200_000), { rounding: 'none' });
    let sum = 0;
    let squares = 0;
    let beyond2 = 0;
    for (const value of values) {
      sum += value;
      squares += value * value;
      beyond2 += Math.abs(value) > 2 ? 1 : 0;
    }
    const mean = sum / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(squares / values.length - mean * mean).toBeCloseTo(1, 1);
    expect(beyond2 / values.length).toBeCloseTo(0.0455, 2); // P(|z| > 2)
  });
});

describe('cudaRandn', () => {
  // Published output of torch.manual_seed(42); torch.randn(..., device="cuda") (float32), e.g.
  // in the flashinfer LogitsPipe documentation: [[0.1940, 2.1614, -0.1721, 0.8491, -1.9244],
  // [0.6530, -0.6494, -0.8175, 0.5280, -1.2753]].
  it('reproduces PyTorch CUDA randn for seed 42 (fp32)', () => {
    const values = cudaRandn(42, new Float32Array(10), { rounding: 'none' });
    expect([...values].map((v) => v.toFixed(4))).toEqual([
      '0.1940',
      '2.1614',
      '-0.1721',
      '0.8491',
      '-1.9244',
      '0.6530',
      '-0.6494',
      '-0.8175',
      '0.5280',
      '-1.2753',
    ]);
  });

  it('rounds to bf16 by default: low 16 bits clear, the nearest bf16 value', () => {
    const exact = cudaRandn(42, new Float32Array(1000), { rounding: 'none' });
    const rounded = cudaRandn(42, new Float32Array(1000));
    const bits = new Uint32Array(rounded.buffer);
    expect(bits.every((word) => (word & 0xffff) === 0)).toBe(true);
    rounded.forEach((value, i) => {
      expect(Math.abs(value - (exact[i] ?? 0))).toBeLessThanOrEqual(
        Math.abs(exact[i] ?? 0) * 2 ** -8,
      );
    });
  });

  it('is reproducible per seed and differs between seeds', () => {
    const a = cudaRandn(1234, new Float32Array(64));
    expect(cudaRandn(1234, new Float32Array(64))).toEqual(a);
    expect(cudaRandn(1235, new Float32Array(64))).not.toEqual(a);
  });

  it('wraps a tensor larger than the launch the way the grid-stride loop does', () => {
    const limits = { multiProcessorCount: 1, maxThreadsPerMultiProcessor: 256 };
    expect(threadCount(1000, limits)).toBe(256);
    expect(threadCount(1000)).toBe(1024);
    const values = cudaRandn(9, new Float32Array(1300), { rounding: 'none', limits });
    const words = new Uint32Array(4);
    const pair = new Float64Array(2);
    const [k0, k1] = seedKey(9);
    philox4x32x10(0, 0, 3, 0, k0, k1, words); // thread 3, first call
    boxMuller(words[0]!, words[1]!, pair);
    expect(values[3]).toBe(Math.fround(pair[0]!));
    expect(values[256 + 3]).toBe(Math.fround(pair[1]!));
    boxMuller(words[2]!, words[3]!, pair);
    expect(values[512 + 3]).toBe(Math.fround(pair[0]!));
    expect(values[768 + 3]).toBe(Math.fround(pair[1]!));
    philox4x32x10(1, 0, 3, 0, k0, k1, words); // thread 3, second call
    boxMuller(words[0]!, words[1]!, pair);
    expect(values[1024 + 3]).toBe(Math.fround(pair[0]!));
  });

  it('splits seeds into key words and rejects bad ones', () => {
    expect(seedKey(2 ** 32 + 5)).toEqual([5, 1]);
    expect(() => seedKey(-1)).toThrow(RangeError);
    expect(() => seedKey(1.5)).toThrow(RangeError);
  });
});

describe('roundToBfloat16', () => {
  it('rounds to nearest with ties to even', () => {
    expect(roundToBfloat16(1 + 2 ** -8)).toBe(1); // tie, 1 is even
    expect(roundToBfloat16(1 + 3 * 2 ** -8)).toBe(1 + 2 ** -6); // tie, round up to even
    expect(roundToBfloat16(1 + 2 ** -8 + 2 ** -20)).toBe(1 + 2 ** -7); // above the tie
    expect(roundToBfloat16(-2.5)).toBe(-2.5);
    expect(roundToBfloat16(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});
