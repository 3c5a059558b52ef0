/**
 * Installs one component from the pack source: component.json first (it lists every file with
 * size and sha256), a disk-space check, then each file with resume and verification into
 * `.staging/<id>`, and only then an atomic move into place. A paused or crashed install keeps
 * its staging folder and continues from it next time, as long as the pack has not changed.
 */
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { InstallResult } from '../../../app/contract/models.ts';
import { StudioError, throwIfCancelled } from '../../../app/errors.ts';
import type { Logger } from '../../../app/log.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import type { IoContract } from '../inference/contract/io-contract.ts';
import type { Catalog, CatalogComponent, Precision } from './catalog.ts';
import { ensureFreeSpace, freeBytes } from './disk-space.ts';
import { downloadFile } from './download/download-file.ts';
import type { HttpAgents } from './download/http-client.ts';
import type { RetryPolicy } from './download/retry.ts';
import {
  commitComponent,
  INSTALL_RECORD,
  type InstallRecord,
  partPath,
  readStaged,
  sizeOrZero,
  stagingDir,
} from './model-folders.ts';
import { packFileUrl, type ResolvedSource } from './model-source.ts';
import {
  checkPackMatches,
  COMPONENT_JSON,
  packBytes,
  type PackManifest,
  parsePackManifest,
} from './pack-manifest.ts';
import { TransferMeter } from './transfer-meter.ts';

export interface InstallProgress {
  fraction: number;
  bytesDone: number;
  bytesTotal: number;
  bytesPerSecond: number;
  etaMs: number | undefined;
  step: number;
  totalSteps: number;
}

export interface InstallPackRequest {
  modelsDir: string;
  catalog: Catalog;
  contract: IoContract;
  component: CatalogComponent;
  precision: Precision;
  source: ResolvedSource;
  agents: HttpAgents;
  log: Logger;
  signal: AbortSignal;
  now: () => number;
  onProgress: (progress: InstallProgress) => void;
  retry?: RetryPolicy;
  freeSpace?: (dir: string) => Promise<number>;
}

const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

function assertPublished(request: InstallPackRequest): void {
  if (request.source.origin === 'catalog' && !request.catalog.packSource.published) {
    throw new StudioError(
      'UNAVAILABLE',
      'Converted packs are not published for download yet. Set a download source that serves packs (for example a company mirror), or import a folder exported with tools/export.',
      { componentId: request.component.id },
    );
  }
}

async function fetchManifest(
  request: InstallPackRequest,
  staging: string,
): Promise<{ text: string; manifest: PackManifest }> {
  const { component, precision, catalog, source } = request;
  const profile = component.precisions[precision];
  const url = packFileUrl(source.baseUrl, {
    repo: catalog.packSource.repo,
    revision: catalog.packSource.revision,
    path: `${profile.pack}/${COMPONENT_JSON}`,
  });
  const temp = join(dirname(staging), `.${component.id}.component.json.part`);
  await rm(temp, { force: true });
  try {
    await downloadFile({
      url,
      partPath: temp,
      expectedBytes: null,
      expectedSha256: profile.componentJsonSha256,
      token: source.token,
      signal: request.signal,
      agents: request.agents,
      log: request.log,
      onProgress: (bytes) => {
        if (bytes > MAX_MANIFEST_BYTES) {
          throw new StudioError('MODEL_CORRUPT', 'The pack’s component.json is far too large.');
        }
      },
      ...(request.retry === undefined ? {} : { retry: request.retry }),
    });
    const text = await readFile(temp, 'utf8');
    const where = `The ${precision} pack of ${component.id} from ${new URL(url).host}`;
    const manifest = parsePackManifest(text, request.contract, where);
    checkPackMatches(manifest, component, precision, where);
    return { text, manifest };
  } finally {
    await rm(temp, { force: true });
  }
}

/** Reuses a staging folder that follows the same component.json; otherwise starts afresh. */
async function prepareStaging(
  request: InstallPackRequest,
  staging: string,
  manifestText: string,
): Promise<void> {
  const staged = await readStaged(request.modelsDir, request.component.id, request.contract);
  const same =
    staged !== null &&
    staged.record.manifestText === manifestText &&
    staged.record.precision === request.precision;
  if (!same) {
    await rm(staging, { recursive: true, force: true });
  }
  const record: InstallRecord = {
    componentId: request.component.id,
    precision: request.precision,
    manifestText,
    startedAt: staged?.record.startedAt ?? request.now(),
  };
  await writeFileAtomic(join(staging, INSTALL_RECORD), JSON.stringify(record));
}

export async function installPack(request: InstallPackRequest): Promise<InstallResult> {
  const { modelsDir, component, precision, signal } = request;
  assertPublished(request);
  const staging = stagingDir(modelsDir, component.id);
  await mkdir(dirname(staging), { recursive: true });
  const { text, manifest } = await fetchManifest(request, staging);
  await prepareStaging(request, staging, text);

  const bytesTotal = packBytes(manifest);
  const onDisk = await Promise.all(
    manifest.files.map(async (file) => {
      const done = await sizeOrZero(join(staging, file.path));
      return done === file.bytes ? done : await sizeOrZero(partPath(staging, file.path));
    }),
  );
  const alreadyDone = onDisk.reduce((sum, bytes) => sum + Math.min(bytes, bytesTotal), 0);
  await ensureFreeSpace(modelsDir, bytesTotal - alreadyDone, request.freeSpace ?? freeBytes);

  const meter = new TransferMeter(request.now);
  const perFile = [...onDisk];
  const report = (step: number) => {
    const bytesDone = perFile.reduce((sum, bytes) => sum + bytes, 0);
    meter.sample(bytesDone - alreadyDone);
    request.onProgress({
      fraction: bytesTotal === 0 ? 1 : bytesDone / bytesTotal,
      bytesDone,
      bytesTotal,
      bytesPerSecond: Math.round(meter.bytesPerSecond()),
      etaMs: meter.etaMs(bytesTotal - bytesDone),
      step,
      totalSteps: manifest.files.length,
    });
  };
  report(0);
  for (const [index, file] of manifest.files.entries()) {
    throwIfCancelled(signal);
    const finalPath = join(staging, file.path);
    if ((await sizeOrZero(finalPath)) === file.bytes && perFile[index] === file.bytes) {
      continue;
    }
    const part = partPath(staging, file.path);
    await mkdir(dirname(part), { recursive: true });
    await downloadFile({
      url: packFileUrl(request.source.baseUrl, {
        repo: request.catalog.packSource.repo,
        revision: request.catalog.packSource.revision,
        path: `${component.precisions[precision].pack}/${file.path}`,
      }),
      partPath: part,
      expectedBytes: file.bytes,
      expectedSha256: file.sha256,
      token: request.source.token,
      signal,
      agents: request.agents,
      log: request.log,
      onProgress: (bytes) => {
        perFile[index] = bytes;
        report(index);
      },
      ...(request.retry === undefined ? {} : { retry: request.retry }),
    });
    await rename(part, finalPath);
    perFile[index] = file.bytes;
    report(index + 1);
  }
  throwIfCancelled(signal);
  await writeFileAtomic(join(staging, COMPONENT_JSON), text);
  await commitComponent(modelsDir, staging, component.id);
  request.log.info('models.installed', { componentId: component.id, precision, bytes: bytesTotal });
  return { componentId: component.id, precision, files: manifest.files.length, bytes: bytesTotal };
}
