/**
 * Classifier-free guidance variants for base/SFT (spec §5.3), in float64 where the reference
 * computes in double. Velocities are [B, T, C] row-major; cond and uncond are separate views
 * of the batched forward (conditional half first).
 */
export interface LatentDims {
  batch: number;
  frames: number;
  channels: number;
}

/** Plain CFG: u + g·(c − u). */
export function cfgGuide(
  cond: Float32Array,
  uncond: Float32Array,
  scale: number,
  out: Float32Array,
): void {
  for (let i = 0; i < out.length; i += 1) {
    const c = cond[i] ?? 0;
    const u = uncond[i] ?? 0;
    out[i] = u + scale * (c - u);
  }
}

export interface ApgOptions {
  /** Momentum of the running difference (reference −0.75). */
  momentum: number;
  /** Per-channel L2 norm clip over time (reference 2.5). */
  normThreshold: number;
  /** Weight of the parallel part (reference 0: discarded). */
  eta: number;
}

export const APG_DEFAULTS: ApgOptions = { momentum: -0.75, normThreshold: 2.5, eta: 0 };

/** APG's momentum buffer; one per generation, starting at 0. */
export class ApgMomentum {
  readonly average: Float64Array;
  constructor(size: number) {
    this.average = new Float64Array(size);
  }
}

/**
 * Adaptive projected guidance: d = c − u; momentum r ← d + m·r, d = r; per (item, channel)
 * clip ‖d‖ over time to the threshold; split d into parts parallel and orthogonal to c (per
 * item and channel, over time); v = c + (g − 1)·(d⊥ + η·d∥).
 */
export function apgGuide(
  cond: Float32Array,
  uncond: Float32Array,
  scale: number,
  dims: LatentDims,
  momentum: ApgMomentum,
  out: Float32Array,
  options: ApgOptions = APG_DEFAULTS,
): void {
  const { batch, frames, channels } = dims;
  const diff = momentum.average;
  for (let i = 0; i < diff.length; i += 1) {
    diff[i] = (cond[i] ?? 0) - (uncond[i] ?? 0) + options.momentum * (diff[i] ?? 0);
  }
  for (let b = 0; b < batch; b += 1) {
    const base = b * frames * channels;
    for (let c = 0; c < channels; c += 1) {
      let dd = 0;
      let vv = 0;
      for (let t = 0; t < frames; t += 1) {
        const k = base + t * channels + c;
        dd += (diff[k] ?? 0) ** 2;
        vv += (cond[k] ?? 0) ** 2;
      }
      const clip =
        options.normThreshold > 0 ? Math.min(1, options.normThreshold / Math.sqrt(dd)) : 1;
      const vNorm = Math.max(Math.sqrt(vv), 1e-12);
      let dot = 0;
      for (let t = 0; t < frames; t += 1) {
        const k = base + t * channels + c;
        dot += (diff[k] ?? 0) * clip * ((cond[k] ?? 0) / vNorm);
      }
      for (let t = 0; t < frames; t += 1) {
        const k = base + t * channels + c;
        const d = (diff[k] ?? 0) * clip;
        const parallel = (dot * (cond[k] ?? 0)) / vNorm;
        out[k] = (cond[k] ?? 0) + (scale - 1) * (d - parallel + options.eta * parallel);
      }
    }
  }
}

/** ADG's angle limit; the reference writes 3.14 / 6. */
export const ADG_ANGLE_CLIP = 3.14 / 6;

/**
 * Angle-based dynamic guidance on the predicted clean latents x̂ = x − t·v (per frame, over
 * channels): the angle θ between x̂_cond and x̂_uncond is scaled by w = max(g − 1, 0) + 1e-3
 * and clipped; x̂ is rebuilt from x̂_cond and the component of (x̂_cond − x̂_uncond)
 * perpendicular to x̂_uncond, then turned back into a velocity (x − x̂)/t. `t` is per item.
 */
export function adgGuide(
  x: Float32Array,
  cond: Float32Array,
  uncond: Float32Array,
  t: readonly number[],
  scale: number,
  dims: LatentDims,
  out: Float32Array,
  angleClip: number = ADG_ANGLE_CLIP,
): void {
  const { batch, frames, channels } = dims;
  const weight = Math.max(scale - 1, 0) + 1e-3;
  const xc = new Float64Array(channels);
  const xu = new Float64Array(channels);
  for (let b = 0; b < batch; b += 1) {
    const sigma = t[b] ?? 1;
    for (let f = 0; f < frames; f += 1) {
      const base = (b * frames + f) * channels;
      let dot = 0;
      let nc = 0;
      let nu = 0;
      for (let c = 0; c < channels; c += 1) {
        const xv = x[base + c] ?? 0;
        xc[c] = xv - sigma * (cond[base + c] ?? 0);
        xu[c] = xv - sigma * (uncond[base + c] ?? 0);
        dot += (xc[c] ?? 0) * (xu[c] ?? 0);
        nc += (xc[c] ?? 0) ** 2;
        nu += (xu[c] ?? 0) ** 2;
      }
      const cos = Math.min(1 - 1e-6, Math.max(-1 + 1e-6, dot / Math.max(Math.sqrt(nc * nu), 1e-8)));
      const theta = Math.acos(cos);
      const thetaNew = Math.min(angleClip, Math.max(-angleClip, weight * theta));
      // Projection of (x̂c − x̂u) on x̂u: (dot − nu)/(nu + 1e-8) · x̂u.
      const along = (dot - nu) / (nu + 1e-8);
      const sinTheta = Math.sin(theta);
      const perpScale = sinTheta > 1e-3 ? Math.sin(thetaNew) / sinTheta : weight;
      const cosNew = Math.cos(thetaNew);
      for (let c = 0; c < channels; c += 1) {
        const perp = (xc[c] ?? 0) - (xu[c] ?? 0) - along * (xu[c] ?? 0);
        const latent = cosNew * (xc[c] ?? 0) + perp * perpScale;
        out[base + c] = ((x[base + c] ?? 0) - latent) / sigma;
      }
    }
  }
}
