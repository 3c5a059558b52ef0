/** GraphHandles for the graphs and data arrays of an installed component. */
import { readFile } from 'node:fs/promises';

import { StudioError } from '../../../../app/errors.ts';
import { componentPath, type InstalledComponent } from '../../models/model-library.ts';
import { float32Copy } from '../audio-io/little-endian.ts';
import type { GraphName } from '../contract/io-contract.ts';
import type { GraphHandle } from './host-tensor.ts';

/**
 * The handle of `graph` in `component`. Its byte count adds the files that are not a graph,
 * data array or asset and whose name starts with the graph file's stem: its external data.
 */
export function graphHandle(component: InstalledComponent, graph: GraphName): GraphHandle {
  const manifest = component.manifest;
  const entry = manifest.graphs[graph];
  if (entry === undefined) {
    throw new StudioError('MODEL_CORRUPT', `${component.id} has no graph "${graph}".`, {
      component: component.id,
      graph,
    });
  }
  const referenced = new Set([
    ...Object.values(manifest.graphs).map((g) => g.file),
    ...Object.values(manifest.data).map((d) => d.file),
    ...Object.values(manifest.assets),
  ]);
  const stem = entry.file.replace(/\.onnx$/, '');
  const bytes = manifest.files
    .filter(
      (file) =>
        file.path === entry.file || (!referenced.has(file.path) && file.path.startsWith(stem)),
    )
    .reduce((sum, file) => sum + file.bytes, 0);
  return {
    componentId: component.id,
    graph,
    file: componentPath(component, entry.file),
    label: `${component.id}/${entry.file}`,
    config: manifest.config,
    bytes,
  };
}

/** Reads a float32 data array of the component (e.g. silence_latent) with its shape. */
export async function readDataArray(
  component: InstalledComponent,
  name: string,
): Promise<{ data: Float32Array; shape: readonly number[] }> {
  const entry = component.manifest.data[name];
  if (entry === undefined) {
    throw new StudioError('MODEL_CORRUPT', `${component.id} has no data array "${name}".`, {
      component: component.id,
      data: name,
    });
  }
  const bytes = await readFile(componentPath(component, entry.file));
  const count = entry.shape.reduce((product, size) => product * size, 1);
  if (bytes.length !== count * 4) {
    throw new StudioError('MODEL_CORRUPT', `${component.id}/${entry.file} has the wrong size.`, {
      component: component.id,
      file: entry.file,
    });
  }
  return { data: float32Copy(bytes, count), shape: entry.shape };
}
