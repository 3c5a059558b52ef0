/**
 * An export is written into a hidden staging folder (".tmp-…", removed by the next start if a
 * crash leaves it) and appears under its final name only when complete: one rename for a
 * folder, or a zip written beside it and then renamed. A failed or cancelled export leaves
 * nothing behind, so no partial export is ever presented as complete.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import yazl from 'yazl';

import { throwIfCancelled } from '../../../app/errors.ts';
import { fsyncDirectory } from '../fs/atomic.ts';
import {
  destroyStream,
  type ExportBytes,
  type ExportFileWriter,
  exportStorageError,
} from './file-writer.ts';

export interface CommittedExport {
  /** Where the folder or zip now is. */
  path: string;
  /** Its name in the exports folder (a suffix is added when the plain name was taken). */
  fileName: string;
  bytes: number;
}

export interface StagedFile {
  fileName: string;
  bytes: number;
}

export class ExportStaging {
  readonly #root: string;
  readonly #exportsDir: string;
  readonly #baseName: string;
  readonly #writer: ExportFileWriter;
  readonly #files: StagedFile[] = [];

  private constructor(
    root: string,
    exportsDir: string,
    baseName: string,
    writer: ExportFileWriter,
  ) {
    this.#root = root;
    this.#exportsDir = exportsDir;
    this.#baseName = baseName;
    this.#writer = writer;
  }

  /** A fresh staging folder in `exportsDir` for an export named `baseName`. */
  static async create(
    exportsDir: string,
    baseName: string,
    writer: ExportFileWriter,
  ): Promise<ExportStaging> {
    const root = join(exportsDir, `.tmp-export-${randomUUID()}`);
    try {
      await mkdir(join(root, baseName), { recursive: true });
    } catch (error) {
      await rm(root, { recursive: true, force: true });
      throw exportStorageError(error, 'the export folder');
    }
    return new ExportStaging(root, exportsDir, baseName, writer);
  }

  /** The staged folder that holds the export's files. */
  get folder(): string {
    return join(this.#root, this.#baseName);
  }

  /** Files written so far, in order. */
  get files(): readonly StagedFile[] {
    return this.#files;
  }

  pathOf(fileName: string): string {
    return join(this.folder, fileName);
  }

  /** Writes one file of the export; disk errors become STORAGE_FAILED. */
  async write(fileName: string, data: ExportBytes, signal: AbortSignal): Promise<StagedFile> {
    throwIfCancelled(signal);
    let bytes: number;
    try {
      bytes = await this.#writer.write(this.pathOf(fileName), data, signal);
    } catch (error) {
      throwIfCancelled(signal);
      throw exportStorageError(error, fileName);
    }
    const file = { fileName, bytes };
    this.#files.push(file);
    return file;
  }

  /** Records a file something else wrote into the folder (the audio encoder). */
  adopt(fileName: string, bytes: number): StagedFile {
    const file = { fileName, bytes };
    this.#files.push(file);
    return file;
  }

  /** Moves the finished export to its final name (as a folder or one zip) and returns it. */
  async commit(
    output: 'folder' | 'zip',
    signal: AbortSignal,
    onZipBytes?: (done: number, total: number) => void,
  ): Promise<CommittedExport> {
    throwIfCancelled(signal);
    const total = this.#files.reduce((sum, file) => sum + file.bytes, 0);
    let source = this.folder;
    let bytes = total;
    if (output === 'zip') {
      source = join(this.#root, `${this.#baseName}.zip`);
      bytes = await this.#writeZip(source, signal, (done) => onZipBytes?.(done, total));
    }
    const extension = output === 'zip' ? '.zip' : '';
    try {
      const fileName = await moveToFreeName(source, this.#exportsDir, this.#baseName, extension);
      return { path: join(this.#exportsDir, fileName), fileName, bytes };
    } catch (error) {
      throw exportStorageError(error, `${this.#baseName}${extension}`);
    }
  }

  async #writeZip(
    target: string,
    signal: AbortSignal,
    onBytes: (done: number) => void,
  ): Promise<number> {
    const zip = new yazl.ZipFile();
    for (const file of this.#files) {
      // Audio barely compresses; text files do.
      const compress = /\.(RPP|mid|lrc|txt)$/i.test(file.fileName);
      zip.addFile(this.pathOf(file.fileName), `${this.#baseName}/${file.fileName}`, { compress });
    }
    zip.end();
    const zipFileName = `${this.#baseName}.zip`;
    try {
      return await this.#writer.write(target, countBytes(zip.outputStream, onBytes), signal);
    } catch (error) {
      destroyStream(zip.outputStream);
      throwIfCancelled(signal);
      throw exportStorageError(error, zipFileName);
    }
  }

  /** Removes the staging folder and everything in it. */
  async discard(): Promise<void> {
    await rm(this.#root, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function* countBytes(
  stream: AsyncIterable<unknown>,
  onBytes: (done: number) => void,
): AsyncIterable<Uint8Array> {
  let done = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Uint8Array;
    done += bytes.length;
    onBytes(done);
    yield bytes;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Renames `source` into `dir` as `base` + `extension`, or `base_2`…, never over a file. */
async function moveToFreeName(
  source: string,
  dir: string,
  base: string,
  extension: string,
): Promise<string> {
  for (let n = 1; n < 1000; n += 1) {
    const fileName = `${n === 1 ? base : `${base}_${n}`}${extension}`;
    const target = join(dir, fileName);
    if (await exists(target)) {
      continue;
    }
    await rename(source, target);
    await fsyncDirectory(dir);
    return fileName;
  }
  throw Object.assign(new Error(`No free name for ${base}${extension}`), { code: 'EEXIST' });
}
