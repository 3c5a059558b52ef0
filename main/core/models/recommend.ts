/**
 * Which components to install for this machine, and why: the execution provider decides the
 * precision (fp16 for CUDA and DirectML, fp32 for CPU and CoreML), usable memory decides the
 * official tier (spec 9.2) and the tier decides which LM planner fits and the longest song.
 */
import type {
  HardwareInfo,
  ProviderId,
  ProvidersReport,
  Recommendation,
  RecommendedItem,
} from '../../../app/contract/models.ts';
import type { Catalog, Precision, VramTier } from './catalog.ts';

const GB = 1e9;

/** Share of system RAM the engine may plan with when there is no dedicated GPU memory. */
const UNIFIED_MEMORY_SHARE = 0.75;
const CPU_MEMORY_SHARE = 0.5;

/** Memory the engine can plan with on `provider`, in GB; null when unknown. */
export function usableMemoryGb(hardware: HardwareInfo, provider: ProviderId): number | null {
  if (provider === 'cuda' || provider === 'dml') {
    const gpu =
      provider === 'cuda' ? hardware.gpus.find((g) => g.vendor === 'nvidia') : hardware.gpus[0];
    return gpu?.vramBytes === null || gpu === undefined ? null : gpu.vramBytes / GB;
  }
  const share = provider === 'coreml' ? UNIFIED_MEMORY_SHARE : CPU_MEMORY_SHARE;
  return (hardware.ramBytes * share) / GB;
}

/** The official tier for `memoryGb` (bounds inclusive, as gpu_config.py compares). */
export function tierFor(levels: readonly VramTier[], memoryGb: number): VramTier {
  const found = levels.find((level) => level.maxVramGb === null || memoryGb <= level.maxVramGb);
  const last = levels[levels.length - 1];
  if (found === undefined && last === undefined) {
    throw new Error('The catalog has no tiers.');
  }
  return found ?? (last as VramTier);
}

const LM_PREFERENCE = ['lm-1.7b', 'lm-0.6b', 'lm-4b'];

function pickLm(tier: VramTier | null, provider: ProviderId): string | null {
  if (tier === null) {
    return null;
  }
  // The official default planner is 1.7B; on the CPU the smallest one keeps planning bearable.
  const order = provider === 'cpu' ? ['lm-0.6b'] : LM_PREFERENCE;
  return order.find((id) => tier.lms.includes(id)) ?? null;
}

function fmt(gb: number): string {
  return `${gb >= 10 ? Math.round(gb) : gb.toFixed(1)} GB`;
}

export function recommend(
  catalog: Catalog,
  hardware: HardwareInfo,
  providers: ProvidersReport,
): Recommendation {
  const provider = providers.preferred;
  const precision: Precision = provider === 'cuda' || provider === 'dml' ? 'fp16' : 'fp32';
  const memoryGb = usableMemoryGb(hardware, provider);
  const tier = memoryGb === null ? null : tierFor(catalog.tiers.levels, memoryGb);
  const lm = pickLm(tier, provider);
  const notes: string[] = [];
  const item = (componentId: string, optional: boolean, reason: string): RecommendedItem => ({
    componentId,
    precision,
    optional,
    reason,
  });
  const items: RecommendedItem[] = [
    item('text-encoder', false, 'Every task needs it: it reads the caption and the lyrics.'),
    item('vae', false, 'Every task needs it: it turns latents into audio and back.'),
    item(
      'dit-turbo',
      false,
      'The fastest DiT (8 steps, no guidance); generate, repaint and cover work with it.',
    ),
  ];
  if (lm !== null) {
    items.push(
      item(
        lm,
        true,
        lm === 'lm-1.7b'
          ? 'The official default planner; writes metadata and audio codes from a description.'
          : 'The planner that fits this memory; writes metadata and audio codes from a description.',
      ),
    );
  } else if (memoryGb === null) {
    notes.push(
      'The GPU memory could not be read, so no LM planner is suggested; generation works without one.',
    );
  } else {
    notes.push(
      `${fmt(memoryGb)} is below what the official tiers give an LM planner (more than 6 GB); generation works without one.`,
    );
  }
  items.push(
    item('dit-base', true, 'Needed for add layer, extract stems and accompaniment under a vocal.'),
  );
  if (provider === 'cpu') {
    notes.push(
      'On the CPU a song takes minutes rather than seconds; the turbo DiT keeps it shortest.',
    );
  }
  const turbo = catalog.components.find((c) => c.id === 'dit-turbo');
  if (memoryGb !== null && turbo !== undefined && memoryGb < turbo.vramGb[precision]) {
    notes.push(
      `${fmt(memoryGb)} is less than the DiT needs loaded (${fmt(turbo.vramGb[precision])}); the engine loads one component at a time.`,
    );
  }
  const withLm = lm !== null;
  const planner = lm === null ? '' : ` and the ${lm.slice(3).toUpperCase()} planner`;
  const maxDurationS =
    tier === null ? 180 : withLm ? tier.maxDurationS.withLm : tier.maxDurationS.withoutLm;
  const where =
    memoryGb === null
      ? 'memory unknown'
      : `${fmt(memoryGb)} ${provider === 'cuda' || provider === 'dml' ? 'of GPU memory' : 'usable memory'}, tier ${tier?.tier ?? '?'}`;
  return {
    provider,
    precision,
    tier: tier?.tier ?? null,
    memoryGb: memoryGb === null ? null : Math.round(memoryGb * 10) / 10,
    summary: `${precision} packs for ${provider.toUpperCase()} (${where}): the turbo DiT${planner}; songs up to ${Math.round(maxDurationS / 60)} minutes.`,
    items,
    maxDurationS,
    notes,
  };
}
