/**
 * The versioned ONNX IO contract (resources/inference/io-contract.json): which graphs exist,
 * their tensors' names, dtypes and shapes, and what each component kind provides. Read once,
 * validated, then used to check component manifests and every loaded graph.
 */
import { readFile } from 'node:fs/promises';

import { z } from 'zod';

import { StudioError } from '../../../../app/errors.ts';

export const IO_CONTRACT_VERSION = 1;

/** Every graph the engine knows; the contract file must define each of them. */
export const GRAPH_NAMES = [
  'text_encoder',
  'token_embed',
  'condition_encoder',
  'audio_tokenizer',
  'audio_detokenizer',
  'dit_step',
  'vae_encoder',
  'vae_decoder',
  'lm_prefill',
  'lm_decode',
] as const;
export const GraphName = z.enum(GRAPH_NAMES);
export type GraphName = z.infer<typeof GraphName>;

export const COMPONENT_KINDS = ['text-encoder', 'dit', 'vae', 'lm'] as const;
export const ComponentKind = z.enum(COMPONENT_KINDS);
export type ComponentKind = z.infer<typeof ComponentKind>;

export const TensorDtype = z.enum(['float32', 'float16', 'int64', 'int32', 'bool', 'uint8']);
export type TensorDtype = z.infer<typeof TensorDtype>;

/** A fixed size, a dynamic axis word, or a `$constant` from the component's config. */
const Dim = z.union([z.number().int().min(1), z.string().regex(/^\$?[a-z][a-z0-9_]*$/)]);
export type Dim = z.infer<typeof Dim>;

const TensorSpec = z.object({ name: z.string().min(1), dtype: TensorDtype, shape: z.array(Dim) });
export type TensorSpec = z.infer<typeof TensorSpec>;

const GraphSpec = z.object({
  inputs: z.array(TensorSpec),
  outputs: z.array(TensorSpec).min(1),
  perLayer: z
    .object({
      layers: z.string().regex(/^\$[a-z][a-z0-9_]*$/),
      inputs: z.array(TensorSpec),
      outputs: z.array(TensorSpec),
    })
    .optional(),
});
export type GraphSpec = z.infer<typeof GraphSpec>;

const DataSpec = z.object({ dtype: z.literal('float32'), shape: z.array(Dim).min(1) });
export type DataSpec = z.infer<typeof DataSpec>;

const KindSpec = z.object({
  graphs: z.array(GraphName).min(1),
  data: z.record(z.string(), DataSpec),
  assets: z.array(z.string()),
  config: z.array(z.string()),
});
export type KindSpec = z.infer<typeof KindSpec>;

const ContractFile = z.object({
  version: z.number().int(),
  constants: z.record(z.string(), z.number()),
  components: z.record(ComponentKind, KindSpec),
  graphs: z.record(GraphName, GraphSpec),
});

export interface IoContract {
  version: number;
  /** The real checkpoints' values of the `$` constants (documentation and estimates). */
  constants: Readonly<Record<string, number>>;
  components: Readonly<Record<ComponentKind, KindSpec>>;
  graphs: Readonly<Record<GraphName, GraphSpec>>;
}

/** Config values a component.json gives; `$name` dims resolve through these. */
export type ComponentConfig = Readonly<Record<string, number | string | boolean>>;

/** One tensor after `$` constants and per-layer templates are resolved. */
export interface ResolvedTensor {
  name: string;
  dtype: TensorDtype;
  /** Numbers are fixed sizes; strings are dynamic axes. */
  dims: readonly (number | string)[];
}

export interface ResolvedGraph {
  graph: GraphName;
  inputs: readonly ResolvedTensor[];
  outputs: readonly ResolvedTensor[];
}

function contractError(source: string, message: string, details?: unknown): StudioError {
  return new StudioError('MODEL_CORRUPT', `The IO contract ${source} is invalid: ${message}`, {
    file: source,
    ...(details === undefined ? {} : { details }),
  });
}

function constantsUsed(specs: readonly TensorSpec[]): string[] {
  return specs.flatMap((spec) =>
    spec.shape.filter((dim): dim is string => typeof dim === 'string' && dim.startsWith('$')),
  );
}

/** Validates a parsed contract file; `source` names it in errors. */
export function parseIoContract(json: unknown, source: string): IoContract {
  const parsed = ContractFile.safeParse(json);
  if (!parsed.success) {
    throw contractError(source, z.prettifyError(parsed.error));
  }
  const file = parsed.data;
  if (file.version !== IO_CONTRACT_VERSION) {
    throw contractError(
      source,
      `version ${file.version}, this engine reads ${IO_CONTRACT_VERSION}`,
    );
  }
  // zod records keyed by an enum are exhaustive: every graph and kind is present.
  const graphs = file.graphs;
  const components = file.components;
  for (const kind of COMPONENT_KINDS) {
    const spec = components[kind];
    const used = spec.graphs.flatMap((name) => {
      const graph = graphs[name];
      const layered = graph.perLayer;
      return [
        ...constantsUsed(graph.inputs),
        ...constantsUsed(graph.outputs),
        ...(layered === undefined
          ? []
          : [layered.layers, ...constantsUsed(layered.inputs), ...constantsUsed(layered.outputs)]),
      ];
    });
    const dataUsed = Object.values(spec.data).flatMap((data) =>
      data.shape.filter((dim): dim is string => typeof dim === 'string' && dim.startsWith('$')),
    );
    const unknown = [...new Set([...used, ...dataUsed])].filter(
      (name) => !spec.config.includes(name.slice(1)),
    );
    if (unknown.length > 0) {
      throw contractError(source, `kind ${kind} uses constants its config does not list`, {
        kind,
        unknown,
      });
    }
  }
  return { version: file.version, constants: file.constants, components, graphs };
}

export async function loadIoContract(path: string): Promise<IoContract> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new StudioError(
      'MODEL_MISSING',
      `The IO contract ${path} cannot be read.`,
      {
        file: path,
      },
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw contractError(path, 'not JSON', { cause: String(error) });
  }
  return parseIoContract(json, path);
}

/** A config value as a positive integer size, or an error naming the key. */
export function configSize(config: ComponentConfig, key: string, where: string): number {
  const value = config[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new StudioError(
      'MODEL_CORRUPT',
      `${where}: config "${key}" must be a positive integer.`,
      {
        file: where,
        key,
        value,
      },
    );
  }
  return value;
}

function resolveDims(
  shape: readonly Dim[],
  config: ComponentConfig,
  where: string,
): (number | string)[] {
  return shape.map((dim) =>
    typeof dim === 'string' && dim.startsWith('$') ? configSize(config, dim.slice(1), where) : dim,
  );
}

function resolveTensors(
  specs: readonly TensorSpec[],
  config: ComponentConfig,
  where: string,
  layer?: number,
): ResolvedTensor[] {
  return specs.map((spec) => ({
    name: layer === undefined ? spec.name : spec.name.replaceAll('{i}', String(layer)),
    dtype: spec.dtype,
    dims: resolveDims(spec.shape, config, where),
  }));
}

/** The graph's tensors with `$` constants from `config` and per-layer entries expanded. */
export function resolveGraph(
  contract: IoContract,
  graph: GraphName,
  config: ComponentConfig,
  where: string,
): ResolvedGraph {
  const spec = contract.graphs[graph];
  const inputs = resolveTensors(spec.inputs, config, where);
  const outputs = resolveTensors(spec.outputs, config, where);
  if (spec.perLayer !== undefined) {
    const layers = configSize(config, spec.perLayer.layers.slice(1), where);
    for (let i = 0; i < layers; i += 1) {
      inputs.push(...resolveTensors(spec.perLayer.inputs, config, where, i));
      outputs.push(...resolveTensors(spec.perLayer.outputs, config, where, i));
    }
  }
  return { graph, inputs, outputs };
}

/** A data array's shape with `$` constants resolved (all fixed). */
export function resolveDataShape(spec: DataSpec, config: ComponentConfig, where: string): number[] {
  return spec.shape.map((dim) => {
    if (typeof dim === 'number') {
      return dim;
    }
    if (!dim.startsWith('$')) {
      throw new StudioError('MODEL_CORRUPT', `${where}: data arrays have fixed shapes.`, {
        file: where,
      });
    }
    return configSize(config, dim.slice(1), where);
  });
}
