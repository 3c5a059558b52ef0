/**
 * component.json: the manifest of one installed model component (one folder of the model
 * library). Schema `layerline.component/1`, documented in resources/inference/README.md. The
 * exporter (tools/export) writes it; the engine validates it here against the IO contract.
 */
import { z } from 'zod';

import { StudioError } from '../../../app/errors.ts';
import {
  ComponentKind,
  GraphName,
  type IoContract,
  resolveDataShape,
} from '../inference/contract/io-contract.ts';

export const COMPONENT_SCHEMA = 'layerline.component/1';
export const MANIFEST_FILE = 'component.json';

/** Ids are folder names: letters, digits, dots and dashes (e.g. "dit-turbo", "lm-0.6B"). */
export const ComponentId = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/i);
export type ComponentId = z.infer<typeof ComponentId>;

/** A path inside the component folder: relative, forward slashes, no "..". */
export const ComponentPath = z
  .string()
  .min(1)
  .max(255)
  .refine(
    (path) =>
      !path.startsWith('/') &&
      !path.includes('\\') &&
      !/^[A-Za-z]:/.test(path) &&
      path.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    { message: 'must be a relative path inside the component folder' },
  );

export const ComponentFile = z.object({
  path: ComponentPath,
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ComponentFile = z.infer<typeof ComponentFile>;

export const Precision = z.enum(['fp32', 'fp16', 'bf16', 'int8', 'mixed']);

export const ComponentManifest = z.object({
  schema: z.literal(COMPONENT_SCHEMA),
  id: ComponentId,
  kind: ComponentKind,
  /** The component's own version (e.g. "1.5.0-fp16"); the catalog compares these. */
  version: z.string().min(1).max(40),
  title: z.string().max(200).optional(),
  /** The IO contract version the graphs were exported for. */
  contract: z.number().int().min(1),
  precision: Precision,
  /** Every file of the component, external data included, with its size and sha256. */
  files: z.array(ComponentFile).min(1),
  /** Graph name -> its .onnx file (external data sits beside it, listed in `files`). */
  graphs: z.partialRecord(GraphName, z.object({ file: ComponentPath })),
  /** Raw little-endian float32 arrays, row-major, no header (e.g. silence_latent). */
  data: z
    .record(
      z.string(),
      z.object({
        file: ComponentPath,
        dtype: z.literal('float32'),
        shape: z.array(z.number().int().min(1)).min(1),
      }),
    )
    .default({}),
  /** Other files by role, e.g. { "tokenizer": "tokenizer.json" }. */
  assets: z.record(z.string(), ComponentPath).default({}),
  /** The constants the host needs (sizes named by the contract, variant, token ids, ...). */
  config: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  /** Where the weights came from, for provenance (free-form). */
  source: z
    .object({
      repo: z.string().max(200).optional(),
      path: z.string().max(200).optional(),
      revision: z.string().max(100).optional(),
      exporter: z.string().max(200).optional(),
      notes: z.string().max(2000).optional(),
    })
    .optional(),
  license: z.string().max(200).optional(),
});
export type ComponentManifest = z.infer<typeof ComponentManifest>;

function corrupt(file: string, message: string, details: object = {}): StudioError {
  return new StudioError('MODEL_CORRUPT', `${file}: ${message}`, { file, ...details });
}

/**
 * Parses component.json text and checks it against the contract: required graphs, data and
 * assets of its kind, config keys, data shapes, and that every referenced file is listed.
 * `where` names the manifest file in errors.
 */
export function parseComponentManifest(
  text: string,
  contract: IoContract,
  where: string,
): ComponentManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw corrupt(where, 'is not valid JSON.');
  }
  const parsed = ComponentManifest.safeParse(json);
  if (!parsed.success) {
    throw corrupt(where, `is not a valid component manifest: ${z.prettifyError(parsed.error)}`);
  }
  const manifest = parsed.data;
  if (manifest.contract !== contract.version) {
    throw corrupt(
      where,
      `was exported for IO contract ${manifest.contract}, this studio reads ${contract.version}.`,
      {
        contract: manifest.contract,
      },
    );
  }
  checkAgainstKind(manifest, contract, where);
  return manifest;
}

function checkAgainstKind(manifest: ComponentManifest, contract: IoContract, where: string): void {
  const kind = contract.components[manifest.kind];
  const listed = new Set(manifest.files.map((file) => file.path));
  if (listed.size !== manifest.files.length) {
    throw corrupt(where, 'lists a file twice.');
  }
  const missingConfig = kind.config.filter((key) => manifest.config[key] === undefined);
  if (missingConfig.length > 0) {
    throw corrupt(where, `lacks config ${missingConfig.join(', ')}.`, { missingConfig });
  }
  const referenced: string[] = [];
  for (const graph of kind.graphs) {
    const entry = manifest.graphs[graph];
    if (entry === undefined) {
      throw corrupt(where, `lacks graph "${graph}" that a ${manifest.kind} component provides.`, {
        graph,
      });
    }
    referenced.push(entry.file);
  }
  for (const [name, spec] of Object.entries(kind.data)) {
    const entry = manifest.data[name];
    if (entry === undefined) {
      throw corrupt(where, `lacks data array "${name}".`, { data: name });
    }
    const shape = resolveDataShape(spec, manifest.config, where);
    if (shape.join('x') !== entry.shape.join('x')) {
      throw corrupt(
        where,
        `data "${name}" has shape [${entry.shape.join(', ')}], expected [${shape.join(', ')}].`,
        {
          data: name,
        },
      );
    }
    const bytes = shape.reduce((product, size) => product * size, 4);
    const file = manifest.files.find((candidate) => candidate.path === entry.file);
    if (file !== undefined && file.bytes !== bytes) {
      throw corrupt(
        where,
        `data "${name}" file ${entry.file} has ${file.bytes} bytes, its shape needs ${bytes}.`,
        {
          data: name,
        },
      );
    }
    referenced.push(entry.file);
  }
  for (const role of kind.assets) {
    const file = manifest.assets[role];
    if (file === undefined) {
      throw corrupt(where, `lacks asset "${role}".`, { asset: role });
    }
    referenced.push(file);
  }
  referenced.push(...Object.values(manifest.graphs).map((entry) => entry.file));
  const unlisted = referenced.filter((file) => !listed.has(file));
  if (unlisted.length > 0) {
    throw corrupt(where, `references files it does not list: ${unlisted.join(', ')}.`, {
      unlisted,
    });
  }
}
