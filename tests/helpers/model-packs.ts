/** Small converted packs for model-manager tests: files, their component.json, and serving. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { FakeModelServer } from './fake-model-server.ts';

export interface TestPack {
  id: string;
  precision: 'fp32' | 'fp16';
  files: Map<string, Buffer>;
  /** The component.json text, as the exporter writes it (files with bytes and sha256). */
  manifestText: string;
}

export function makePack(
  id: string,
  precision: 'fp32' | 'fp16',
  sizes: Record<string, number>,
): TestPack {
  const files = new Map(Object.entries(sizes).map(([path, size]) => [path, randomBytes(size)]));
  const manifest = {
    id,
    precision,
    version: '1.5.0-test',
    files: [...files].map(([path, data]) => ({
      path,
      bytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    })),
  };
  return { id, precision, files, manifestText: `${JSON.stringify(manifest, null, 2)}\n` };
}

/** Serves `pack` at `<prefix>/<precision>/<id>/…`, the layout the catalog's `pack` names. */
export function servePack(server: FakeModelServer, pack: TestPack, prefix = '/packs'): string {
  const base = `${prefix}/${pack.precision}/${pack.id}`;
  server.files.set(`${base}/component.json`, Buffer.from(pack.manifestText));
  for (const [path, data] of pack.files) {
    server.files.set(`${base}/${path}`, data);
  }
  return base;
}

/** Writes `pack` as an exported folder under `dir/<id>`. */
export async function writePackFolder(dir: string, pack: TestPack): Promise<string> {
  const root = join(dir, pack.id);
  for (const [path, data] of pack.files) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), data);
  }
  await writeFile(join(root, 'component.json'), pack.manifestText);
  return root;
}
