import { describe, expect, it } from 'vitest';

import { adgGuide, apgGuide, ApgMomentum, cfgGuide } from './guidance.ts';

/** Deterministic pseudo-random values in [-1, 1). */
function values(n: number, seed: number): Float32Array {
  let state = seed;
  return Float32Array.from({ length: n }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 30 - 1;
  });
}

const dims = { batch: 2, frames: 5, channels: 3 };
const at = (b: number, t: number, c: number) => (b * dims.frames + t) * dims.channels + c;

/** APG written directly from the reference's description, per (item, channel), in float64. */
function apgReference(
  cond: Float32Array,
  uncond: Float32Array,
  g: number,
  running: number[],
): number[] {
  const out = new Array<number>(cond.length).fill(0);
  for (let i = 0; i < cond.length; i += 1) {
    running[i] = cond[i]! - uncond[i]! + -0.75 * running[i]!;
  }
  for (let b = 0; b < dims.batch; b += 1) {
    for (let c = 0; c < dims.channels; c += 1) {
      const idx = Array.from({ length: dims.frames }, (_, t) => at(b, t, c));
      const norm = Math.hypot(...idx.map((i) => running[i]!));
      const d = idx.map((i) => running[i]! * Math.min(1, 2.5 / norm));
      const vNorm = Math.hypot(...idx.map((i) => cond[i]!));
      const unit = idx.map((i) => cond[i]! / vNorm);
      const dot = d.reduce((sum, value, k) => sum + value * unit[k]!, 0);
      idx.forEach((i, k) => {
        out[i] = cond[i]! + (g - 1) * (d[k]! - dot * unit[k]!);
      });
    }
  }
  return out;
}

describe('guidance', () => {
  it('CFG is u + g(c - u)', () => {
    const out = new Float32Array(2);
    cfgGuide(Float32Array.from([1, 2]), Float32Array.from([0.5, 4]), 3, out);
    expect([...out]).toEqual([2, -2]);
  });

  it('APG matches a float64 reference over two steps (momentum carried)', () => {
    const momentum = new ApgMomentum(30);
    const running = new Array<number>(30).fill(0);
    for (const step of [0, 1]) {
      const cond = values(30, 10 + step);
      const uncond = values(30, 20 + step).map((v) => v * 4); // large difference: the clip bites
      const out = new Float32Array(30);
      apgGuide(cond, uncond, 7, dims, momentum, out);
      const expected = apgReference(cond, uncond, 7, running);
      out.forEach((value, i) => {
        expect(value).toBeCloseTo(expected[i]!, 5);
      });
    }
  });

  it('APG with guidance 1 is the conditional velocity', () => {
    const cond = values(30, 1);
    const out = new Float32Array(30);
    apgGuide(cond, values(30, 2), 1, dims, new ApgMomentum(30), out);
    expect(out).toEqual(cond);
  });

  it('ADG keeps x̂ when cond and uncond agree and rotates it by the clipped angle otherwise', () => {
    const x = values(30, 3);
    const cond = values(30, 4);
    const out = new Float32Array(30);
    adgGuide(x, cond, cond, [0.5, 0.8], 5, dims, out);
    out.forEach((value, i) => {
      expect(value).toBeCloseTo(cond[i]!, 3);
    });

    // One frame, two channels: x̂_cond = (1, 0), x̂_uncond = (cos 0.1, sin 0.1), t = 1, x = 0.
    const one = { batch: 1, frames: 1, channels: 2 };
    const rotated = new Float32Array(2);
    adgGuide(
      new Float32Array(2),
      Float32Array.from([-1, 0]),
      Float32Array.from([-Math.cos(0.1), -Math.sin(0.1)]),
      [1],
      3,
      one,
      rotated,
    );
    // w = 2.001, θ_new = 0.2001; x̂ = cos(θ_new)·x̂_c + perp·sin(θ_new)/sin(θ), perp ⟂ x̂_u.
    const theta = 0.1;
    const thetaNew = 2.001 * theta;
    const diff = [1 - Math.cos(theta), -Math.sin(theta)];
    const along = diff[0]! * Math.cos(theta) + diff[1]! * Math.sin(theta);
    const perp = [diff[0]! - along * Math.cos(theta), diff[1]! - along * Math.sin(theta)];
    const latent = [0, 1].map(
      (c) =>
        Math.cos(thetaNew) * (c === 0 ? 1 : 0) + (perp[c]! * Math.sin(thetaNew)) / Math.sin(theta),
    );
    expect(rotated[0]).toBeCloseTo(-latent[0]!, 5);
    expect(rotated[1]).toBeCloseTo(-latent[1]!, 5);
  });
});
