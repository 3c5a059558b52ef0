/**
 * The file list of a pack's component.json, which is what the model manager needs to download,
 * import and verify a pack: every file with its byte size and sha256. The component.json
 * schema itself (graphs, config constants, versions) belongs to the inference engine's manifest
 * module; this reads only the fields it shares and lets the rest through untouched.
 */
import { z } from 'zod';

import { StudioError } from '../../../app/errors.ts';

export const COMPONENT_JSON = 'component.json';

/** A relative path inside a component folder: no "..", no absolute paths, no backslashes. */
export const PackPath = z
  .string()
  .min(1)
  .max(240)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/)
  .refine((path) => !path.split('/').includes('..') && path !== COMPONENT_JSON, {
    message: 'not a safe file path inside a component folder',
  });

export const PackFile = z.object({
  path: PackPath,
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PackFile = z.infer<typeof PackFile>;

export const PackManifest = z.looseObject({
  id: z.string().min(1),
  precision: z.enum(['fp32', 'fp16']).optional(),
  files: z.array(PackFile).min(1),
});
export type PackManifest = z.infer<typeof PackManifest>;

/** Parses component.json text; MODEL_CORRUPT with the first problems when it is not valid. */
export function parsePackManifest(text: string, where: string): PackManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StudioError('MODEL_CORRUPT', `${where}: component.json is not valid JSON.`);
  }
  const parsed = PackManifest.safeParse(json);
  if (!parsed.success) {
    throw new StudioError(
      'MODEL_CORRUPT',
      `${where}: component.json is not a valid pack manifest.`,
      {
        issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
      },
    );
  }
  const paths = new Set<string>();
  for (const file of parsed.data.files) {
    if (paths.has(file.path)) {
      throw new StudioError('MODEL_CORRUPT', `${where}: component.json lists ${file.path} twice.`);
    }
    paths.add(file.path);
  }
  return parsed.data;
}

export function packBytes(manifest: PackManifest): number {
  return manifest.files.reduce((sum, file) => sum + file.bytes, 0);
}
