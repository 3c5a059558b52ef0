/**
 * Imports already-converted components from a folder the user chose: the folder itself holds a
 * component.json, or each of its subfolders does. Every file is checked for size first, then
 * copied into staging while its sha256 is computed, and a component moves into place only when
 * all of its files match. The user's folder is only read.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { cancelledError, StudioError, throwIfCancelled } from '../../../app/errors.ts';
import type { Logger } from '../../../app/log.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import type { IoContract } from '../inference/contract/io-contract.ts';
import { type Catalog, findComponent } from './catalog.ts';
import { ensureFreeSpace, freeBytes } from './disk-space.ts';
import { commitComponent, stagingDir } from './model-folders.ts';
import {
  checkPackMatches,
  COMPONENT_JSON,
  packBytes,
  type PackManifest,
  parsePackManifest,
} from './pack-manifest.ts';

export interface ImportRequest {
  modelsDir: string;
  catalog: Catalog;
  contract: IoContract;
  sourceDir: string;
  signal: AbortSignal;
  log: Logger;
  onProgress: (progress: { fraction: number; bytesDone: number; bytesTotal: number }) => void;
  freeSpace?: (dir: string) => Promise<number>;
}

export interface ImportResult {
  componentIds: string[];
  files: number;
  bytes: number;
}

interface FoundPack {
  dir: string;
  text: string;
  manifest: PackManifest;
}

async function readPack(dir: string, contract: IoContract): Promise<FoundPack | null> {
  let text: string;
  try {
    text = await readFile(join(dir, COMPONENT_JSON), 'utf8');
  } catch {
    return null;
  }
  const where = `${dir.split(/[\\/]/).pop() ?? dir}/${COMPONENT_JSON}`;
  return { dir, text, manifest: parsePackManifest(text, contract, where) };
}

/** The packs in `sourceDir`: itself, or its direct subfolders. */
export async function findPacks(sourceDir: string, contract: IoContract): Promise<FoundPack[]> {
  const own = await readPack(sourceDir, contract);
  if (own !== null) {
    return [own];
  }
  const entries = await readdir(sourceDir, { withFileTypes: true }).catch(() => {
    throw new StudioError('NOT_FOUND', 'The chosen folder cannot be read.');
  });
  const packs: FoundPack[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && !entry.name.startsWith('.')) {
      const pack = await readPack(join(sourceDir, entry.name), contract);
      if (pack !== null) {
        packs.push(pack);
      }
    }
  }
  if (packs.length === 0) {
    throw new StudioError(
      'VALIDATION_FAILED',
      'No component.json in the chosen folder or its subfolders. Choose a folder written by tools/export.',
    );
  }
  return packs;
}

async function checkSizes(pack: FoundPack): Promise<void> {
  for (const file of pack.manifest.files) {
    const size = await stat(join(pack.dir, file.path)).then(
      (info) => (info.isFile() ? info.size : null),
      () => null,
    );
    if (size !== file.bytes) {
      throw new StudioError(
        size === null ? 'MODEL_MISSING' : 'MODEL_CORRUPT',
        size === null
          ? `${pack.manifest.id}: ${file.path} is missing from the chosen folder.`
          : `${pack.manifest.id}: ${file.path} has ${size} bytes; component.json says ${file.bytes}.`,
        { componentId: pack.manifest.id, path: file.path },
      );
    }
  }
}

async function copyVerified(
  from: string,
  to: string,
  expectedSha256: string,
  signal: AbortSignal,
  onBytes: (bytes: number) => void,
): Promise<boolean> {
  await mkdir(dirname(to), { recursive: true });
  const hash = createHash('sha256');
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(from), meter, createWriteStream(to, { flush: true }), {
      signal,
    });
  } catch (error) {
    if (signal.aborted) {
      throw cancelledError(signal.reason);
    }
    throw new StudioError('STORAGE_FAILED', `Copying ${from} failed.`, undefined, { cause: error });
  }
  return hash.digest('hex') === expectedSha256;
}

async function importPack(
  request: ImportRequest,
  pack: FoundPack,
  onBytes: (bytes: number) => void,
): Promise<void> {
  const { manifest } = pack;
  const staging = stagingDir(request.modelsDir, `${manifest.id}.import`);
  await rm(staging, { recursive: true, force: true });
  try {
    for (const file of manifest.files) {
      throwIfCancelled(request.signal);
      const ok = await copyVerified(
        join(pack.dir, file.path),
        join(staging, file.path),
        file.sha256,
        request.signal,
        onBytes,
      );
      if (!ok) {
        throw new StudioError(
          'MODEL_CORRUPT',
          `${manifest.id}: ${file.path} in the chosen folder does not match its sha256 in component.json.`,
          { componentId: manifest.id, path: file.path },
        );
      }
    }
    await writeFileAtomic(join(staging, COMPONENT_JSON), pack.text);
    await commitComponent(request.modelsDir, staging, manifest.id);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

export async function importComponents(request: ImportRequest): Promise<ImportResult> {
  const packs = await findPacks(request.sourceDir, request.contract);
  for (const pack of packs) {
    const component = findComponent(request.catalog, pack.manifest.id);
    checkPackMatches(pack.manifest, component, null, `${pack.manifest.id}/${COMPONENT_JSON}`);
    await checkSizes(pack);
  }
  const bytesTotal = packs.reduce((sum, pack) => sum + packBytes(pack.manifest), 0);
  await mkdir(request.modelsDir, { recursive: true });
  await ensureFreeSpace(request.modelsDir, bytesTotal, request.freeSpace ?? freeBytes);
  let bytesDone = 0;
  const onBytes = (bytes: number) => {
    bytesDone += bytes;
    request.onProgress({
      fraction: bytesTotal === 0 ? 1 : bytesDone / bytesTotal,
      bytesDone,
      bytesTotal,
    });
  };
  for (const pack of packs) {
    await importPack(request, pack, onBytes);
    request.log.info('models.imported', { componentId: pack.manifest.id });
  }
  return {
    componentIds: packs.map((pack) => pack.manifest.id),
    files: packs.reduce((sum, pack) => sum + pack.manifest.files.length, 0),
    bytes: bytesTotal,
  };
}
