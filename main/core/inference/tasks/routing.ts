/**
 * Which checkpoint can do which task (spec §4), and the choice of a DiT for a request.
 * turbo and SFT: text2music, repaint, cover. base: all six. (The Gradio UI offers lego,
 * extract and complete on SFT too, but the official model zoo says only base supports them; we
 * follow the model zoo.)
 */
import { StudioError } from '../../../../app/errors.ts';
import type { GenerationTask } from '../../../../app/generation/request.ts';
import {
  type InstalledComponent,
  type ModelLibraryScan,
  requireComponent,
} from '../../models/model-library.ts';
import type { DitVariant } from './presets.ts';

export const TASKS_BY_VARIANT: Record<DitVariant, readonly GenerationTask[]> = {
  turbo: ['text2music', 'repaint', 'cover'],
  sft: ['text2music', 'repaint', 'cover'],
  base: ['text2music', 'repaint', 'cover', 'lego', 'extract', 'complete'],
};

/** The model to install for tasks only base can do (the catalog's id). */
export const BASE_MODEL_ID = 'dit-base';

/** Preference when the request names no model: the fast default first. */
const PREFERENCE = ['dit-turbo', 'dit-turbo-shift3', 'dit-turbo-shift1', 'dit-sft', 'dit-base'];

export function ditVariant(component: InstalledComponent): DitVariant {
  const variant = component.manifest.config['variant'];
  if (variant === 'turbo' || variant === 'sft' || variant === 'base') {
    return variant;
  }
  throw new StudioError(
    'MODEL_CORRUPT',
    `${component.id}/component.json: unknown DiT variant "${String(variant)}".`,
    {
      component: component.id,
      file: 'component.json',
    },
  );
}

/** Throws VALIDATION_FAILED naming the model to install when `component` cannot do `task`. */
export function requireTaskSupport(task: GenerationTask, component: InstalledComponent): void {
  const variant = ditVariant(component);
  const supported = TASKS_BY_VARIANT[variant];
  if (!supported.includes(task)) {
    throw new StudioError(
      'VALIDATION_FAILED',
      `"${task}" needs the base DiT model (${BASE_MODEL_ID}); ${component.id} is a ${variant} model, which can do ${supported.join(', ')}. Install ${BASE_MODEL_ID} and choose it.`,
      { task, model: component.id, variant, requires: BASE_MODEL_ID },
    );
  }
}

/**
 * The DiT for a request: the named one (MODEL_MISSING when absent, MODEL_CORRUPT when damaged),
 * else the preferred installed model that can do the task (MODEL_MISSING naming the model to
 * install when none can).
 */
export function chooseDit(
  task: GenerationTask,
  modelId: string | undefined,
  scan: ModelLibraryScan,
): InstalledComponent {
  const dits = scan.installed.filter((component) => component.kind === 'dit');
  if (modelId !== undefined) {
    const named = requireComponent(scan, modelId);
    if (named.kind !== 'dit') {
      throw new StudioError('VALIDATION_FAILED', `"${modelId}" is not a DiT model.`, {
        model: modelId,
      });
    }
    requireTaskSupport(task, named);
    return named;
  }
  const capable = dits
    .filter((component) => TASKS_BY_VARIANT[ditVariant(component)].includes(task))
    .sort((a, b) => rank(a.id) - rank(b.id));
  const chosen = capable[0];
  if (chosen === undefined) {
    const needed =
      task === 'lego' || task === 'extract' || task === 'complete' ? BASE_MODEL_ID : 'dit-turbo';
    throw new StudioError('MODEL_MISSING', `"${task}" needs a DiT model; install ${needed}.`, {
      component: needed,
      task,
    });
  }
  return chosen;
}

function rank(id: string): number {
  const index = PREFERENCE.indexOf(id);
  return index === -1 ? PREFERENCE.length : index;
}
