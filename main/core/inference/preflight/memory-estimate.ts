/**
 * Pre-flight memory estimate (spec §7.5, §9.4): what a generation will need at its peak, so a
 * request that cannot fit is refused with numbers instead of crashing the machine. Deliberately
 * simple and on the safe side:
 *  - weights: every graph file the run loads (the pool keeps them all), plus 10 % for ORT;
 *  - DiT: per layer, eager attention scores heads × S² × 4 B and ~10 hidden-sized tensors,
 *    for batch × 2 rows with CFG (S = frames / 2 tokens);
 *  - VAE: ~3 live activations of `activation_channels` (128 in the Oobleck decoder) × the
 *    tile's samples × 4 B (spec §7.5: 0.5 GB per tensor at chunk 512);
 *  - host: latents, noise, velocities and the context for every row, and the encoder states.
 */
import { StudioError } from '../../../../app/errors.ts';
import type { InstalledComponent } from '../../models/model-library.ts';
import type { GenerationPlan } from '../pipeline/generation-plan.ts';

export interface MemoryEstimate {
  totalBytes: number;
  breakdown: Record<'weights' | 'ditActivations' | 'vaeTiles' | 'host', number>;
}

const num = (component: InstalledComponent, key: string, fallback: number): number => {
  const value = component.manifest.config[key];
  return typeof value === 'number' && value > 0 ? value : fallback;
};

const GIB = 1024 ** 3;

/** Bytes of every file of the components (graphs, external data, arrays). */
function weightBytes(components: readonly InstalledComponent[]): number {
  return components.reduce(
    (sum, component) => sum + component.manifest.files.reduce((s, f) => s + f.bytes, 0),
    0,
  );
}

export function estimateMemory(
  plan: GenerationPlan,
  frames: number,
  components: { textEncoder: InstalledComponent; dit: InstalledComponent; vae: InstalledComponent },
): MemoryEstimate {
  const { dit, vae } = components;
  const rows = plan.seeds.length * (plan.sampler.guidanceScale > 1 ? 2 : 1);
  const tokens = Math.ceil(frames / 2);
  const hidden = num(dit, 'hidden_size', 2048);
  const heads = num(dit, 'heads', 16);
  const channels = num(dit, 'latent_channels', 64);
  const encoder = num(dit, 'encoder_hidden', 2048);
  const attention = rows * heads * tokens * tokens * 4;
  const activations = rows * tokens * hidden * 4 * 10;
  const hop = num(vae, 'vae_hop', 1920);
  const vaeChannels = num(vae, 'activation_channels', 128);
  const tileFrames = Math.min(frames, plan.vae.chunkFrames);
  const encodeFrames =
    plan.source === undefined && plan.reference === undefined
      ? 0
      : Math.min(frames, plan.vae.encodeChunkFrames);
  const vaeTiles = 3 * vaeChannels * Math.max(tileFrames, encodeFrames) * hop * 4;
  const host = rows * frames * channels * 4 * 8 + rows * 2400 * encoder * 4;
  const weights = Math.round(weightBytes([components.textEncoder, dit, vae]) * 1.1);
  const breakdown = { weights, ditActivations: attention + activations, vaeTiles, host };
  return { totalBytes: weights + breakdown.ditActivations + vaeTiles + host, breakdown };
}

const gib = (bytes: number) =>
  bytes >= GIB ? `${(bytes / GIB).toFixed(1)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;

/** INSUFFICIENT_MEMORY with the numbers when the estimate exceeds what is available. */
export function requireMemory(
  estimate: MemoryEstimate,
  available: { bytes: number; what: string },
): void {
  if (estimate.totalBytes <= available.bytes) {
    return;
  }
  const parts = Object.entries(estimate.breakdown)
    .map(([name, bytes]) => `${name} ${gib(bytes)}`)
    .join(', ');
  throw new StudioError(
    'INSUFFICIENT_MEMORY',
    `This generation needs about ${gib(estimate.totalBytes)} (${parts}), but only ${gib(available.bytes)} of ${available.what} is available. Try a shorter duration, a smaller batch, or smaller (fp16) models.`,
    {
      requiredBytes: estimate.totalBytes,
      availableBytes: available.bytes,
      breakdown: estimate.breakdown,
      memory: available.what,
    },
  );
}
