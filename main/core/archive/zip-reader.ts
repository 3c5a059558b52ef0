/** Promise-shaped reading of zip files (yauzl), entry by entry, with names checked by the caller. */
import type { Readable } from 'node:stream';

import yauzl from 'yauzl';

import { StudioError } from '../../../app/errors.ts';

export interface ZipEntry {
  name: string;
  /** Declared size; yauzl verifies it while streaming. */
  bytes: number;
  isDirectory: boolean;
  open(): Promise<Readable>;
}

const damaged = (cause: unknown): StudioError =>
  new StudioError('UNSUPPORTED_FORMAT', 'This file is not a readable archive (zip).', undefined, {
    cause,
  });

/** Calls `onEntry` for every entry in order; stops at the first error it throws. */
export async function readZip(
  path: string,
  onEntry: (entry: ZipEntry) => Promise<void>,
): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true },
      (error, opened) => {
        if (error !== null) {
          reject(damaged(error));
        } else {
          resolve(opened);
        }
      },
    );
  });
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: unknown) => {
        reject(damaged(error));
      });
      zip.on('end', () => {
        resolve();
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        const wrapped: ZipEntry = {
          name: entry.fileName,
          bytes: entry.uncompressedSize,
          isDirectory: entry.fileName.endsWith('/'),
          open: () =>
            new Promise((resolveStream, rejectStream) => {
              zip.openReadStream(entry, (error, stream) => {
                if (error !== null) {
                  rejectStream(damaged(error));
                } else {
                  resolveStream(stream);
                }
              });
            }),
        };
        onEntry(wrapped).then(
          () => {
            zip.readEntry();
          },
          (error: unknown) => {
            reject(error instanceof Error ? error : damaged(error));
          },
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
