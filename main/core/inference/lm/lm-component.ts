/**
 * Loads an installed `lm` component into an LmEngine: its own tokenizer.json and
 * tokenizer_config.json (chat template, eos token), an optional genres list, the config sizes,
 * and its two graphs bound to the session pool's RunSession.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { StudioError } from '../../../../app/errors.ts';
import { componentPath, type InstalledComponent } from '../../models/model-library.ts';
import { graphHandle } from '../runtime/graph-handles.ts';
import { bindGraph, type RunSession } from '../runtime/host-tensor.ts';
import { createQwenTokenizer } from '../text/qwen-tokenizer.ts';
import { createLmEngine, type LmEngine } from './lm-planner.ts';

/** Default KV capacity when the component's config gives no `lm_max_tokens`. */
export const DEFAULT_LM_MAX_TOKENS = 8192;

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new StudioError(
      'MODEL_CORRUPT',
      `The LM's ${what} cannot be read: ${path}`,
      { path },
      {
        cause: error,
      },
    );
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new StudioError('MODEL_CORRUPT', `Not valid JSON: ${path}`, { path }, { cause: error });
  }
}

function configSize(component: InstalledComponent, key: string, fallback?: number): number {
  const value = component.manifest.config[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new StudioError(
      'MODEL_CORRUPT',
      `${component.id}: config.${key} must be a positive integer.`,
      {
        component: component.id,
        key,
      },
    );
  }
  return value;
}

function optionalSize(component: InstalledComponent, key: string): number | undefined {
  return component.manifest.config[key] === undefined ? undefined : configSize(component, key);
}

/** The engine of an installed LM component (one-off cost: tokenizer and grammar tables). */
export async function loadLmEngine(
  component: InstalledComponent,
  run: RunSession,
  limits: { captionMaxTokens?: number; lyricsMaxTokens?: number } = {},
): Promise<LmEngine> {
  if (component.kind !== 'lm') {
    throw new StudioError('VALIDATION_FAILED', `${component.id} is not an LM component.`);
  }
  const tokenizerFile = component.manifest.assets['tokenizer'];
  if (tokenizerFile === undefined) {
    throw new StudioError('MODEL_CORRUPT', `${component.id} names no tokenizer asset.`);
  }
  const tokenizerPath = componentPath(component, tokenizerFile);
  const configFile = component.manifest.assets['tokenizer_config'];
  const configPath =
    configFile === undefined
      ? join(dirname(tokenizerPath), 'tokenizer_config.json')
      : componentPath(component, configFile);
  const [json, config] = await Promise.all([
    readText(tokenizerPath, 'tokenizer.json').then((text) => parseJson(text, tokenizerPath)),
    readText(configPath, 'tokenizer_config.json').then((text) => parseJson(text, configPath)),
  ]);
  const genresFile = component.manifest.assets['genres'];
  const genres =
    genresFile === undefined
      ? undefined
      : (await readText(componentPath(component, genresFile), 'genres list'))
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '');
  return createLmEngine({
    tokenizer: createQwenTokenizer(json, config),
    graphs: {
      prefill: bindGraph(run, graphHandle(component, 'lm_prefill')),
      decode: bindGraph(run, graphHandle(component, 'lm_decode')),
    },
    config: {
      vocab: configSize(component, 'lm_vocab'),
      layers: configSize(component, 'lm_layers'),
      kvHeads: configSize(component, 'lm_kv_heads'),
      headDim: configSize(component, 'lm_head_dim'),
    },
    genres,
    maxContext: configSize(component, 'lm_max_tokens', DEFAULT_LM_MAX_TOKENS),
    captionMaxTokens: limits.captionMaxTokens ?? optionalSize(component, 'lm_caption_max_tokens'),
    lyricsMaxTokens: limits.lyricsMaxTokens ?? optionalSize(component, 'lm_lyrics_max_tokens'),
  });
}
