/**
 * The "generate" task of the inference process: checks the plan, finds the three components
 * in the model library (MODEL_MISSING / MODEL_CORRUPT), loads the text encoder's tokenizer
 * (kept for the process's life) and runs the pipeline with progress.
 */
import { readFile } from 'node:fs/promises';

import { z } from 'zod';

import { StudioError } from '../../../../app/errors.ts';
import {
  componentPath,
  type InstalledComponent,
  requireComponent,
  scanModelLibrary,
} from '../../models/model-library.ts';
import { generateItems } from '../pipeline/generate-items.ts';
import { type GenerationOutput, GenerationPlanSchema } from '../pipeline/generation-plan.ts';
import { qwenPromptEncoder } from '../pipeline/prompt-encoder.ts';
import { createQwenTokenizer, type QwenTokenizer } from '../text/qwen-tokenizer.ts';
import type { TaskHandler } from './task-registry.ts';

export const GeneratePayload = z.object({
  modelsDir: z.string().min(1),
  plan: GenerationPlanSchema,
});
export type GeneratePayload = z.infer<typeof GeneratePayload>;

async function readAssetJson(component: InstalledComponent, role: string): Promise<unknown> {
  const file = component.manifest.assets[role];
  if (file === undefined) {
    throw new StudioError('MODEL_CORRUPT', `${component.id} has no ${role}.`, {
      component: component.id,
    });
  }
  try {
    return JSON.parse(await readFile(componentPath(component, file), 'utf8')) as unknown;
  } catch (error) {
    throw new StudioError(
      'MODEL_CORRUPT',
      `${component.id}/${file} cannot be read as JSON.`,
      { component: component.id, file },
      { cause: error },
    );
  }
}

export function generateTask(): TaskHandler {
  const tokenizers = new Map<string, QwenTokenizer>();
  const tokenizerFor = async (component: InstalledComponent): Promise<QwenTokenizer> => {
    const key = `${component.dir}@${component.manifest.version}`;
    let tokenizer = tokenizers.get(key);
    if (tokenizer === undefined) {
      tokenizer = createQwenTokenizer(
        await readAssetJson(component, 'tokenizer'),
        await readAssetJson(component, 'tokenizer_config'),
      );
      tokenizers.set(key, tokenizer);
    }
    return tokenizer;
  };
  return async (raw, context): Promise<GenerationOutput> => {
    const parsed = GeneratePayload.safeParse(raw);
    if (!parsed.success) {
      throw new StudioError(
        'VALIDATION_FAILED',
        `Invalid generation plan: ${z.prettifyError(parsed.error)}`,
      );
    }
    const { plan, modelsDir } = parsed.data;
    const ids = [plan.components.textEncoder, plan.components.dit, plan.components.vae];
    const scan = await scanModelLibrary(modelsDir, {
      contract: context.contract,
      only: ids,
      signal: context.signal,
      log: context.log,
    });
    const [textEncoder, dit, vae] = ids.map((id) => requireComponent(scan, id)) as [
      InstalledComponent,
      InstalledComponent,
      InstalledComponent,
    ];
    return generateItems(plan, {
      run: context.run,
      components: { textEncoder, dit, vae },
      prompts: qwenPromptEncoder(await tokenizerFor(textEncoder), textEncoder.manifest.config),
      log: context.log,
      preload: context.preload,
      onProgress: context.progress,
      signal: context.signal,
    });
  };
}
