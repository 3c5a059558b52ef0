/**
 * A project as one archive file (zip): a manifest, the project database and its media.
 * Export snapshots a project without closing it; import verifies everything before the new
 * project becomes visible, and a failed or cancelled import leaves nothing behind.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import yazl from 'yazl';
import { z } from 'zod';

import { StudioError, throwIfCancelled } from '../../../app/errors.ts';
import type { ProjectId } from '../../../app/model/ids.ts';
import { MediaHash } from '../../../app/model/ids.ts';
import type { ProjectSummary } from '../../../app/model/project.ts';
import { ProjectStore } from '../db/project-store.ts';
import { commitRename, fsyncDirectory, tempPathFor } from '../fs/atomic.ts';
import { MEDIA_FOLDER } from '../media/media-store.ts';
import type { JobContext } from '../services/job-registry.ts';
import type { ProjectLibrary } from '../services/project-library.ts';
import { PROJECT_FILE } from '../services/project-session.ts';
import { readZip, type ZipEntry } from './zip-reader.ts';

export const ARCHIVE_EXTENSION = '.layerline';
const MANIFEST = 'layerline-project.json';
const MAX_ENTRIES = 200_000;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

const Manifest = z.object({
  format: z.literal('layerline-project'),
  formatVersion: z.literal(1),
  projectId: z.string(),
  name: z.string().min(1).max(120),
  exportedAt: z.number().int(),
  media: z.array(z.object({ hash: MediaHash, bytes: z.number().int().min(0) })).max(MAX_ENTRIES),
});
type Manifest = z.output<typeof Manifest>;

const MEDIA_ENTRY = /^media\/([0-9a-f]{64})$/;

/** A file name that is safe on Windows, macOS and Linux. */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\p{Cc}<>:"/\\|?*]/gu, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 100);
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(cleaned);
  return cleaned === '' || reserved ? `Project ${cleaned}`.trim() : cleaned;
}

/** Counts bytes flowing through, for progress. */
function byteCounter(onBytes: (n: number) => void): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      onBytes(total);
      callback(null, chunk);
    },
  });
}

export async function exportProjectArchive(
  library: ProjectLibrary,
  projectId: ProjectId,
  exportsDir: string,
  context: JobContext,
): Promise<{ path: string; fileName: string; bytes: number }> {
  const session = library.session(projectId);
  await mkdir(exportsDir, { recursive: true });
  const work = join(exportsDir, `.tmp-${randomUUID()}`);
  await mkdir(work);
  const target = tempPathFor(join(exportsDir, 'archive'));
  try {
    context.progress('prepare', 0);
    const database = join(work, PROJECT_FILE);
    await session.store.backupTo(database);
    const media = session.store.listMedia();
    const manifest: Manifest = {
      format: 'layerline-project',
      formatVersion: 1,
      projectId,
      name: session.name,
      exportedAt: library.now(),
      media: media.map((m) => ({ hash: m.hash, bytes: m.bytes })),
    };
    context.progress('prepare', 1);
    throwIfCancelled(context.signal);

    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), MANIFEST);
    zip.addFile(database, PROJECT_FILE, { compress: true });
    for (const item of media) {
      // Audio barely compresses; storing it keeps export fast.
      zip.addFile(session.media.pathOf(item.hash), `${MEDIA_FOLDER}/${item.hash}`, {
        compress: false,
      });
    }
    zip.end();
    const expected = (await stat(database)).size + media.reduce((sum, m) => sum + m.bytes, 0);
    await pipeline(
      zip.outputStream,
      byteCounter((n) => {
        context.progress('write', Math.min(1, n / Math.max(1, expected)));
      }),
      createWriteStream(target, { flags: 'wx' }),
      { signal: context.signal },
    );
    const handle = await open(target, 'r+');
    await handle.sync();
    await handle.close();
    const fileName = await uniqueName(
      exportsDir,
      `${safeFileName(session.name)}${ARCHIVE_EXTENSION}`,
    );
    const path = join(exportsDir, fileName);
    await commitRename(target, path);
    return { path, fileName, bytes: (await stat(path)).size };
  } catch (error) {
    await rm(target, { force: true });
    throw context.signal.aborted ? new StudioError('CANCELLED', 'Export cancelled.') : error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function uniqueName(dir: string, fileName: string): Promise<string> {
  const dot = fileName.lastIndexOf('.');
  const stem = fileName.slice(0, dot);
  const extension = fileName.slice(dot);
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? fileName : `${stem} (${n})${extension}`;
    try {
      await stat(join(dir, candidate));
    } catch {
      return candidate;
    }
  }
}

/** Extracts one entry to `path`, hashing it; returns the sha256. */
async function extractEntry(
  stream: NodeJS.ReadableStream,
  path: string,
  signal: AbortSignal,
  onBytes: (n: number) => void,
): Promise<string> {
  const hasher = createHash('sha256');
  await pipeline(
    stream,
    byteCounter(onBytes),
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hasher.update(chunk);
        callback(null, chunk);
      },
    }),
    createWriteStream(path, { flags: 'wx' }),
    { signal },
  );
  return hasher.digest('hex');
}

const badArchive = (message: string, details?: unknown): StudioError =>
  new StudioError(
    'VALIDATION_FAILED',
    `This is not a usable Layerline archive: ${message}`,
    details,
  );

interface Extracted {
  manifest: Manifest | null;
  hasDatabase: boolean;
  media: Set<string>;
  names: Set<string>;
}

async function readManifest(stream: NodeJS.ReadableStream): Promise<Manifest> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badArchive('the manifest is not JSON.');
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    throw badArchive('the manifest is not a Layerline project manifest.');
  }
  return parsed.data;
}

/** Extracts one entry into the staging folder, refusing any name outside the format. */
async function extractOne(
  entry: ZipEntry,
  staging: string,
  found: Extracted,
  signal: AbortSignal,
  onBytes: (n: number) => void,
): Promise<void> {
  const shown = entry.name.slice(0, 120);
  if (found.names.has(entry.name)) {
    throw badArchive(`"${shown}" appears twice.`);
  }
  found.names.add(entry.name);
  if (found.names.size > MAX_ENTRIES) {
    throw badArchive('too many entries.');
  }
  if (entry.isDirectory) {
    if (entry.name !== `${MEDIA_FOLDER}/`) {
      throw badArchive(`unexpected folder "${shown}".`);
    }
    return;
  }
  const mediaMatch = MEDIA_ENTRY.exec(entry.name);
  if (entry.name === MANIFEST) {
    if (entry.bytes > MAX_MANIFEST_BYTES) {
      throw badArchive('the manifest is too large.');
    }
    found.manifest = await readManifest(await entry.open());
  } else if (entry.name === PROJECT_FILE) {
    await extractEntry(await entry.open(), join(staging, PROJECT_FILE), signal, onBytes);
    found.hasDatabase = true;
  } else if (mediaMatch?.[1] !== undefined) {
    const hash = mediaMatch[1];
    const actual = await extractEntry(
      await entry.open(),
      join(staging, MEDIA_FOLDER, hash),
      signal,
      onBytes,
    );
    if (actual !== hash) {
      throw badArchive(
        `media ${hash.slice(0, 12)}… is damaged (its content does not match its name).`,
        { hash },
      );
    }
    found.media.add(hash);
  } else {
    throw badArchive(`unexpected entry "${shown}".`);
  }
}

export async function importProjectArchive(
  library: ProjectLibrary,
  archivePath: string,
  context: JobContext,
): Promise<ProjectSummary> {
  const archiveBytes = (await stat(archivePath)).size;
  const staging = await library.stagingFolder();
  try {
    const found: Extracted = {
      manifest: null,
      hasDatabase: false,
      media: new Set(),
      names: new Set(),
    };
    let readBytes = 0;
    context.progress('read', 0);
    await readZip(archivePath, async (entry) => {
      throwIfCancelled(context.signal);
      const base = readBytes;
      await extractOne(entry, staging, found, context.signal, (n) => {
        context.progress('read', Math.min(1, (base + n) / Math.max(1, archiveBytes)));
      });
      readBytes += entry.bytes;
    });
    if (found.manifest === null) {
      throw badArchive('the manifest is missing.');
    }
    if (!found.hasDatabase) {
      throw badArchive('the project database is missing.');
    }
    context.progress('verify', 0);
    const summary = await verifyAndRegister(library, staging, found.manifest.name, found.media);
    context.progress('verify', 1);
    return summary;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw context.signal.aborted ? new StudioError('CANCELLED', 'Import cancelled.') : error;
  }
}

async function verifyAndRegister(
  library: ProjectLibrary,
  staging: string,
  name: string,
  media: Set<string>,
): Promise<ProjectSummary> {
  let store: ProjectStore;
  try {
    store = ProjectStore.open(join(staging, PROJECT_FILE), library.log);
  } catch (error) {
    throw error instanceof StudioError && error.code === 'MIGRATION_FAILED'
      ? error
      : badArchive('the project database cannot be opened.');
  }
  const projectId = randomUUID() as ProjectId;
  let trackCount: number;
  try {
    if (store.integrityCheck() !== 'ok') {
      throw badArchive('the project database is damaged.');
    }
    const state = store.loadState();
    for (const row of store.listMedia()) {
      if (!media.has(row.hash)) {
        throw badArchive(`media ${row.hash.slice(0, 12)}… is missing.`, { hash: row.hash });
      }
    }
    trackCount = state.tracks.length;
    store.reidentify(projectId, name, library.now());
  } finally {
    store.close();
  }
  await fsyncDirectory(staging);
  return library.register(staging, { projectId, name, trackCount });
}
