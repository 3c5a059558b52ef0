/**
 * A generation whose batch items each follow their own LM audio codes (`itemAudioCodes`, from
 * thinking's phase 2). The DiT's context carries the codes, and the pipeline shares one
 * context across the batch, so such items run one at a time: item i with seed i and codes i,
 * each the length its codes give. Progress is scaled so each phase reads as one pass over all
 * items: item i's fraction f of a phase is (i + f) / count, its step k of N is i·N + k of
 * count·N. (The job's overall progress never decreases, so it waits while a later item repeats
 * a phase an earlier one already passed.)
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { StudioError } from '../../../../app/errors.ts';
import { generate, type PipelineDeps } from './generate.ts';
import type { GenerationOutput, GenerationPlan } from './generation-plan.ts';

/** Runs `plan`, item by item when it carries per-item codes, else in one batch. */
export async function generateItems(
  plan: GenerationPlan,
  deps: PipelineDeps,
): Promise<GenerationOutput> {
  const perItem = plan.itemAudioCodes;
  if (perItem === undefined) {
    return generate(plan, deps);
  }
  if (perItem.length !== plan.seeds.length) {
    throw new StudioError(
      'VALIDATION_FAILED',
      `The plan has ${perItem.length} code lists for ${plan.seeds.length} items.`,
    );
  }
  const count = perItem.length;
  const outputs: GenerationOutput[] = [];
  for (const [index, codes] of perItem.entries()) {
    const single: GenerationPlan = {
      ...plan,
      itemAudioCodes: undefined,
      seeds: [plan.seeds[index] as number],
      audioCodes: codes,
      outputDir: join(plan.outputDir, `item-${index}`),
    };
    await mkdir(single.outputDir, { recursive: true });
    const output = await generate(single, {
      ...deps,
      onProgress: (progress) => {
        const { step, totalSteps } = progress;
        deps.onProgress?.({
          phase: progress.phase,
          fraction: (index + progress.fraction) / count,
          ...(step === undefined || totalSteps === undefined
            ? {}
            : { step: index * totalSteps + step, totalSteps: count * totalSteps }),
        });
      },
    });
    outputs.push(output);
  }
  return {
    items: outputs.flatMap((output, index) =>
      output.items.map((item) => ({ ...item, index, seed: plan.seeds[index] as number })),
    ),
    latentFrames: Math.max(...outputs.map((output) => output.latentFrames)),
    timings: outputs.reduce<Record<string, number>>((sum, output) => {
      for (const [phase, ms] of Object.entries(output.timings)) {
        sum[phase] = (sum[phase] ?? 0) + ms;
      }
      return sum;
    }, {}),
  };
}
