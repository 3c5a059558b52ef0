/**
 * A pack's component.json as the model manager reads it: the engine's own manifest schema
 * (manifest.ts, `layerline.component/1`, checked against the IO contract) plus what a pack must
 * match to install as a catalog component (its id, kind and precision).
 */
import { StudioError } from '../../../app/errors.ts';
import type { IoContract } from '../inference/contract/io-contract.ts';
import type { CatalogComponent, Precision } from './catalog.ts';
import { type ComponentManifest, MANIFEST_FILE, parseComponentManifest } from './manifest.ts';

export const COMPONENT_JSON = MANIFEST_FILE;

export type PackManifest = ComponentManifest;

/** Parses and checks component.json text; MODEL_CORRUPT naming `where` when it is not valid. */
export function parsePackManifest(text: string, contract: IoContract, where: string): PackManifest {
  return parseComponentManifest(text, contract, where);
}

/** MODEL_CORRUPT unless `manifest` is the pack of `component` in `precision` (when given). */
export function checkPackMatches(
  manifest: PackManifest,
  component: CatalogComponent,
  precision: Precision | null,
  where: string,
): void {
  if (manifest.id !== component.id || manifest.kind !== component.kind) {
    throw new StudioError(
      'MODEL_CORRUPT',
      `${where} is the pack of “${manifest.id}” (${manifest.kind}), not “${component.id}”.`,
      { expected: component.id, actual: manifest.id },
    );
  }
  if (precision !== null && manifest.precision !== precision) {
    throw new StudioError(
      'MODEL_CORRUPT',
      `${where} is a ${manifest.precision} pack, not ${precision}.`,
      { expected: precision, actual: manifest.precision },
    );
  }
}

export function packBytes(manifest: PackManifest): number {
  return manifest.files.reduce((sum, file) => sum + file.bytes, 0);
}
