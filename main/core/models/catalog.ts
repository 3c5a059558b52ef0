/**
 * The model catalog (resources/models/catalog.json): which components exist, where their
 * official checkpoints and converted packs come from, licences, precision profiles, the tasks
 * that need them and the official VRAM tiers. Validated when read.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import { StudioError } from '../../../app/errors.ts';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** null = unknown when the catalog was written (see the catalog's $comment). */
const UnknownOr = <T extends z.ZodType>(schema: T) => schema.nullable();

export const PRECISIONS = ['fp32', 'fp16'] as const;
export const Precision = z.enum(PRECISIONS);
export type Precision = z.infer<typeof Precision>;

export const ComponentKind = z.enum(['text-encoder', 'vae', 'dit', 'lm']);
export type ComponentKind = z.infer<typeof ComponentKind>;

export const ComponentId = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/);

const PrecisionProfile = z.object({
  approxBytes: z.number().int().positive(),
  /** Folder of the pack on the pack source, holding component.json and its files. */
  pack: z.string().regex(/^[A-Za-z0-9._/-]+$/),
  componentJsonSha256: UnknownOr(Sha256),
});

export const CatalogComponent = z.object({
  id: ComponentId,
  kind: ComponentKind,
  title: z.string().min(1),
  summary: z.string().min(1),
  licence: z.object({ id: z.string().min(1), source: z.string().min(1) }),
  upstream: z.object({
    repo: z.string().min(1),
    folder: z.string().min(1),
    revision: z.string().min(1),
    files: z.array(
      z.object({
        path: z.string().min(1),
        bytes: UnknownOr(z.number().int().nonnegative()),
        sha256: UnknownOr(Sha256),
      }),
    ),
  }),
  graphs: z.array(z.string().min(1)).min(1),
  precisions: z.object({ fp32: PrecisionProfile, fp16: PrecisionProfile }),
  traits: z.object({
    steps: z.number().int().positive().optional(),
    guidance: z.boolean().optional(),
    tasks: z.array(z.string()),
    lmSize: z.string().optional(),
  }),
  vramGb: z.object({ fp32: z.number().positive(), fp16: z.number().positive() }),
});
export type CatalogComponent = z.infer<typeof CatalogComponent>;

const PerLm = z.object({ withLm: z.number().int().positive(), withoutLm: z.number().int() });

export const VramTier = z.object({
  tier: z.string(),
  /** Upper bound in GB (inclusive); null for the last, unlimited tier. */
  maxVramGb: z.number().positive().nullable(),
  lms: z.array(ComponentId),
  maxDurationS: PerLm,
  maxBatch: PerLm,
});
export type VramTier = z.infer<typeof VramTier>;

export const CatalogTask = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** Each inner list is one need: any one of its components satisfies it. */
  needs: z.array(z.array(ComponentId).min(1)).min(1),
  /** The component to offer when a need is unmet. */
  suggest: ComponentId,
});
export type CatalogTask = z.infer<typeof CatalogTask>;

export const Catalog = z
  .object({
    version: z.literal(1),
    packSource: z.object({
      repo: z.string().min(1),
      revision: z.string().min(1),
      published: z.boolean(),
    }),
    defaultBaseUrl: z.string().min(1),
    components: z.array(CatalogComponent).min(1),
    tasks: z.array(CatalogTask),
    tiers: z.object({ levels: z.array(VramTier).min(1) }),
  })
  .superRefine((catalog, context) => {
    const ids = new Set<string>();
    for (const component of catalog.components) {
      if (ids.has(component.id)) {
        context.addIssue({ code: 'custom', message: `Duplicate component ${component.id}` });
      }
      ids.add(component.id);
    }
    const referenced = [
      ...catalog.tasks.flatMap((task) => [...task.needs.flat(), task.suggest]),
      ...catalog.tiers.levels.flatMap((level) => level.lms),
    ];
    for (const id of referenced) {
      if (!ids.has(id)) {
        context.addIssue({ code: 'custom', message: `Unknown component ${id} referenced` });
      }
    }
  });
export type Catalog = z.infer<typeof Catalog>;

export const CATALOG_FILE = join('models', 'catalog.json');

/** Reads and validates `<resourcesDir>/models/catalog.json`. */
export async function loadCatalog(resourcesDir: string): Promise<Catalog> {
  const path = join(resourcesDir, CATALOG_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new StudioError('MODEL_MISSING', 'The model catalog is missing from this install.', {
      path,
      cause: error instanceof Error ? error.message : String(error),
    });
  }
  const parsed = Catalog.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new StudioError('MODEL_CORRUPT', 'The model catalog is invalid.', {
      issues: parsed.error.issues.slice(0, 5).map((issue) => issue.message),
    });
  }
  return parsed.data;
}

export function findComponent(catalog: Catalog, id: string): CatalogComponent {
  const component = catalog.components.find((c) => c.id === id);
  if (component === undefined) {
    throw new StudioError('NOT_FOUND', `No model component ${id} in the catalog.`, { id });
  }
  return component;
}
