/**
 * Scans the model library folder: one sub-folder per component, each with a component.json.
 * Reports what is installed, what is damaged (which file, why) and, on request, what is
 * missing. File hashes are verified once and remembered in `<component>/.verified.json`
 * (keyed by size and modification time), so a start does not re-hash gigabytes.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import { StudioError, throwIfCancelled } from '../../../app/errors.ts';
import { errorFields, type Logger, noopLogger } from '../../../app/log.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import type { ComponentKind, IoContract } from '../inference/contract/io-contract.ts';
import { type ComponentManifest, MANIFEST_FILE, parseComponentManifest } from './manifest.ts';

export const VERIFIED_MEMO_FILE = '.verified.json';

export type ProblemReason = 'manifest' | 'missing' | 'size' | 'hash' | 'unreadable';

export interface ComponentProblem {
  /** The file inside the component folder ("component.json" for manifest problems). */
  file: string;
  reason: ProblemReason;
  message: string;
}

export interface InstalledComponent {
  id: string;
  kind: ComponentKind;
  /** Absolute folder of the component. */
  dir: string;
  manifest: ComponentManifest;
}

export interface DamagedComponent {
  id: string;
  dir: string;
  manifest: ComponentManifest | null;
  problems: ComponentProblem[];
}

export interface ModelLibraryScan {
  root: string;
  installed: InstalledComponent[];
  damaged: DamagedComponent[];
}

export type VerifyMode = 'memo' | 'full' | 'size';

export interface ScanOptions {
  contract: IoContract;
  /** memo (default): hash files not verified before; full: re-hash all; size: sizes only. */
  verify?: VerifyMode;
  /** Only these folders (component ids); default every folder. */
  only?: readonly string[];
  signal?: AbortSignal;
  log?: Logger;
  onProgress?: (progress: { hashedBytes: number; totalBytes: number }) => void;
}

const Memo = z.object({
  schema: z.literal(1),
  files: z.record(
    z.string(),
    z.object({ bytes: z.number(), mtimeMs: z.number(), sha256: z.string() }),
  ),
});
type Memo = z.infer<typeof Memo>;

/** The absolute path of a file of an installed component. */
export function componentPath(component: InstalledComponent, file: string): string {
  return join(component.dir, ...file.split('/'));
}

/** sha256 of a file as hex, checking `signal` between chunks. */
export async function hashFile(
  path: string,
  signal?: AbortSignal,
  onBytes?: (bytes: number) => void,
): Promise<string> {
  const hasher = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 })) {
    throwIfCancelled(signal);
    const buffer = chunk as Buffer;
    hasher.update(buffer);
    onBytes?.(buffer.length);
  }
  return hasher.digest('hex');
}

async function readMemo(dir: string): Promise<Memo> {
  try {
    const parsed = Memo.safeParse(
      JSON.parse(await readFile(join(dir, VERIFIED_MEMO_FILE), 'utf8')),
    );
    if (parsed.success) {
      return parsed.data;
    }
  } catch {
    // No memo yet, or unreadable: everything is hashed again.
  }
  return { schema: 1, files: {} };
}

interface Pending {
  id: string;
  dir: string;
  manifest: ComponentManifest;
  problems: ComponentProblem[];
  memo: Memo;
  memoChanged: boolean;
  toHash: { file: string; path: string; bytes: number; mtimeMs: number; sha256: string }[];
}

async function readManifest(
  id: string,
  dir: string,
  contract: IoContract,
): Promise<ComponentManifest | ComponentProblem> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return {
      file: MANIFEST_FILE,
      reason: 'missing',
      message: `${id}/${MANIFEST_FILE} is missing.`,
    };
  }
  try {
    const manifest = parseComponentManifest(text, contract, `${id}/${MANIFEST_FILE}`);
    if (manifest.id !== id) {
      return {
        file: MANIFEST_FILE,
        reason: 'manifest',
        message: `${id}/${MANIFEST_FILE} names component "${manifest.id}"; the folder must have that name.`,
      };
    }
    return manifest;
  } catch (error) {
    return {
      file: MANIFEST_FILE,
      reason: 'manifest',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Stats every file; queues for hashing those the memo does not vouch for. */
async function checkFiles(pending: Pending, mode: VerifyMode): Promise<void> {
  for (const file of pending.manifest.files) {
    const path = join(pending.dir, ...file.path.split('/'));
    let info;
    try {
      info = await stat(path);
    } catch {
      pending.problems.push({
        file: file.path,
        reason: 'missing',
        message: `${pending.id}/${file.path} is missing.`,
      });
      continue;
    }
    if (!info.isFile() || info.size !== file.bytes) {
      pending.problems.push({
        file: file.path,
        reason: 'size',
        message: `${pending.id}/${file.path} has ${info.size} bytes, expected ${file.bytes}.`,
      });
      continue;
    }
    const known = pending.memo.files[file.path];
    const vouched =
      known !== undefined &&
      known.bytes === info.size &&
      known.mtimeMs === info.mtimeMs &&
      known.sha256 === file.sha256;
    if (mode === 'full' || (mode === 'memo' && !vouched)) {
      pending.toHash.push({
        file: file.path,
        path,
        bytes: info.size,
        mtimeMs: info.mtimeMs,
        sha256: file.sha256,
      });
    }
  }
}

async function hashPending(all: Pending[], options: ScanOptions, log: Logger): Promise<void> {
  const totalBytes = all.reduce((sum, p) => sum + p.toHash.reduce((s, f) => s + f.bytes, 0), 0);
  let hashedBytes = 0;
  for (const pending of all) {
    for (const entry of pending.toHash) {
      let actual: string;
      try {
        actual = await hashFile(entry.path, options.signal, (bytes) => {
          hashedBytes += bytes;
          options.onProgress?.({ hashedBytes, totalBytes });
        });
      } catch (error) {
        if (error instanceof StudioError) {
          throw error;
        }
        pending.problems.push({
          file: entry.file,
          reason: 'unreadable',
          message: `${pending.id}/${entry.file} cannot be read.`,
        });
        continue;
      }
      if (actual !== entry.sha256) {
        pending.problems.push({
          file: entry.file,
          reason: 'hash',
          message: `${pending.id}/${entry.file} does not match its sha256 (damaged or replaced).`,
        });
        pending.memo.files = Object.fromEntries(
          Object.entries(pending.memo.files).filter(([file]) => file !== entry.file),
        );
        pending.memoChanged = true;
        continue;
      }
      pending.memo.files[entry.file] = {
        bytes: entry.bytes,
        mtimeMs: entry.mtimeMs,
        sha256: actual,
      };
      pending.memoChanged = true;
      log.debug('models.verified', { component: pending.id, file: entry.file });
    }
  }
}

async function listFolders(root: string, only: readonly string[] | undefined): Promise<string[]> {
  let names: string[];
  try {
    const entries = await readdir(root, { withFileTypes: true });
    names = entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name);
  } catch {
    return []; // No library folder yet: nothing installed.
  }
  return names.filter((name) => only === undefined || only.includes(name)).sort();
}

/** Scans `root` (the model library folder). A missing folder is an empty library. */
export async function scanModelLibrary(
  root: string,
  options: ScanOptions,
): Promise<ModelLibraryScan> {
  const log = (options.log ?? noopLogger).child('models');
  const mode = options.verify ?? 'memo';
  const scan: ModelLibraryScan = { root, installed: [], damaged: [] };
  const pendings: Pending[] = [];
  for (const id of await listFolders(root, options.only)) {
    throwIfCancelled(options.signal);
    const dir = join(root, id);
    const manifest = await readManifest(id, dir, options.contract);
    if (!('schema' in manifest)) {
      scan.damaged.push({ id, dir, manifest: null, problems: [manifest] });
      continue;
    }
    const pending: Pending = {
      id,
      dir,
      manifest,
      problems: [],
      memo: await readMemo(dir),
      memoChanged: false,
      toHash: [],
    };
    await checkFiles(pending, mode);
    pendings.push(pending);
  }
  await hashPending(pendings, options, log);
  for (const pending of pendings) {
    if (pending.memoChanged) {
      try {
        await writeFileAtomic(join(pending.dir, VERIFIED_MEMO_FILE), JSON.stringify(pending.memo));
      } catch (error) {
        log.warn('models.memo_write_failed', { component: pending.id, ...errorFields(error) });
      }
    }
    if (pending.problems.length === 0) {
      scan.installed.push({
        id: pending.id,
        kind: pending.manifest.kind,
        dir: pending.dir,
        manifest: pending.manifest,
      });
    } else {
      scan.damaged.push({
        id: pending.id,
        dir: pending.dir,
        manifest: pending.manifest,
        problems: pending.problems,
      });
      log.warn('models.damaged', {
        component: pending.id,
        problems: pending.problems.map((p) => p.message),
      });
    }
  }
  return scan;
}

/**
 * The installed component `id`, or MODEL_CORRUPT naming its first damaged file, or
 * MODEL_MISSING naming the component.
 */
export function requireComponent(scan: ModelLibraryScan, id: string): InstalledComponent {
  const installed = scan.installed.find((component) => component.id === id);
  if (installed !== undefined) {
    return installed;
  }
  const damaged = scan.damaged.find((component) => component.id === id);
  if (damaged !== undefined) {
    const first = damaged.problems[0];
    throw new StudioError(
      'MODEL_CORRUPT',
      `The model component "${id}" is damaged: ${first?.message ?? 'unknown problem'} Reinstall it.`,
      {
        component: id,
        file: first?.file ?? null,
        reason: first?.reason ?? null,
        problems: damaged.problems,
      },
    );
  }
  throw new StudioError('MODEL_MISSING', `The model component "${id}" is not installed.`, {
    component: id,
  });
}
