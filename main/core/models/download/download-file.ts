/**
 * Downloads one file into a partial file with resume (HTTP Range), retries with backoff and a
 * streamed sha256. The partial file only ever holds bytes that the hash has seen, so a dropped
 * connection resumes where it stopped without reading the file again. A checksum mismatch
 * discards the file and downloads it once more from the start before giving up.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, rm, stat, truncate } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { cancelledError, isStudioError, StudioError } from '../../../../app/errors.ts';
import { errorFields, type Logger } from '../../../../app/log.ts';
import { hashFileInto } from '../hashing.ts';
import {
  type GetResponse,
  type HttpAgents,
  httpGet,
  TransientNetworkError,
} from './http-client.ts';
import { DEFAULT_RETRY, type RetryPolicy, withRetry } from './retry.ts';

export interface FileDownload {
  url: string;
  /** Where the bytes go; appended to when it already holds a prefix. */
  partPath: string;
  expectedBytes: number | null;
  /** Lowercase hex; null when only the size can be checked. */
  expectedSha256: string | null;
  token: string | null;
  signal: AbortSignal;
  agents: HttpAgents;
  log: Logger;
  /** Bytes of this file on disk so far (may go down when a download restarts). */
  onProgress: (bytesOnDisk: number) => void;
  retry?: RetryPolicy;
  idleTimeoutMs?: number;
}

export interface DownloadedFile {
  bytes: number;
  sha256: string;
  /** Bytes already on disk when this call started. */
  resumedFrom: number;
  attempts: number;
}

/** An HTTP answer worth retrying (408, 425, 429, 5xx). */
class RetryableStatusError extends Error {
  override readonly name = 'RetryableStatusError';
}

/** The whole file arrived but its sha256 is wrong; worth one fresh download. */
class ChecksumMismatchError extends Error {
  override readonly name = 'ChecksumMismatchError';
}

const isTransient = (error: unknown): boolean =>
  error instanceof TransientNetworkError ||
  error instanceof RetryableStatusError ||
  error instanceof ChecksumMismatchError;

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** Parses `Content-Range: bytes start-end/total` (total may be `*`). */
export function parseContentRange(
  value: string | undefined,
): { start: number; end: number; total: number | null } | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value?.trim() ?? '');
  if (match === null) {
    return null;
  }
  return {
    start: Number(match[1]),
    end: Number(match[2]),
    total: match[3] === '*' ? null : Number(match[3]),
  };
}

function fileName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
}

/** Maps a final HTTP status to an error; null when the status carries the body. */
function statusError(response: GetResponse, url: string): Error | null {
  const { status } = response;
  if (status === 200 || status === 206 || status === 416) {
    return null;
  }
  const name = fileName(url);
  if (status === 401 || status === 403) {
    return new StudioError(
      'UNAUTHORIZED',
      `The download server refused ${name} (HTTP ${status}). If this source needs an access token, set it in the model manager.`,
      { status, url },
    );
  }
  if (status === 404 || status === 410) {
    return new StudioError('NOT_FOUND', `The download server has no ${name} (HTTP ${status}).`, {
      status,
      url,
    });
  }
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    return new RetryableStatusError(`HTTP ${status} for ${name}`);
  }
  return new StudioError('UNAVAILABLE', `Unexpected answer HTTP ${status} for ${name}.`, {
    status,
    url,
  });
}

interface HashState {
  hash: Hash;
  /** Bytes of the partial file the hash has consumed. */
  bytes: number;
}

export async function downloadFile(request: FileDownload): Promise<DownloadedFile> {
  const { partPath, expectedBytes, signal } = request;
  const resumedFrom = await sizeOf(partPath);
  let state: HashState | null = null;
  let checksumFailures = 0;
  let attempts = 0;

  const restart = async () => {
    await truncate(partPath, 0).catch(() => undefined);
    state = { hash: createHash('sha256'), bytes: 0 };
    request.onProgress(0);
  };

  /** The hash of what is on disk now, reading the file only when this call has not seen it. */
  const synced = async (): Promise<HashState> => {
    const onDisk = await sizeOf(partPath);
    if (state?.bytes !== onDisk) {
      if (expectedBytes !== null && onDisk > expectedBytes) {
        await restart();
      } else {
        const hash = createHash('sha256');
        await hashFileInto(hash, partPath, { signal, length: onDisk });
        state = { hash, bytes: onDisk };
      }
    }
    return state ?? { hash: createHash('sha256'), bytes: 0 };
  };

  const attempt = async (): Promise<DownloadedFile> => {
    attempts += 1;
    let current = await synced();
    if (expectedBytes === null || current.bytes < expectedBytes) {
      current = await fetchInto(request, current, restart, () => state ?? current);
    }
    const digest = current.hash.copy().digest('hex');
    if (expectedBytes !== null && current.bytes !== expectedBytes) {
      throw new TransientNetworkError(`Got ${current.bytes} of ${expectedBytes} bytes.`);
    }
    if (request.expectedSha256 !== null && digest !== request.expectedSha256) {
      checksumFailures += 1;
      await restart();
      if (checksumFailures >= 2) {
        await rm(partPath, { force: true });
        throw new StudioError(
          'MODEL_CORRUPT',
          `${fileName(request.url)} arrived twice with the wrong checksum; the source is serving a damaged file.`,
          { url: request.url, expected: request.expectedSha256, actual: digest },
        );
      }
      throw new ChecksumMismatchError(`sha256 mismatch for ${fileName(request.url)}`);
    }
    return { bytes: current.bytes, sha256: digest, resumedFrom, attempts };
  };

  return withRetry(request.retry ?? DEFAULT_RETRY, signal, isTransient, attempt, (info) => {
    request.log.warn('download.retry', {
      file: fileName(request.url),
      attempt: info.attempt,
      delayMs: info.delayMs,
      ...errorFields(info.error),
    });
  });
}

/** One GET (ranged when a prefix exists) appended to the partial file; returns the new state. */
async function fetchInto(
  request: FileDownload,
  start: HashState,
  restart: () => Promise<void>,
  latest: () => HashState,
): Promise<HashState> {
  const { signal } = request;
  const response = await httpGet({
    url: request.url,
    headers: start.bytes > 0 ? { range: `bytes=${start.bytes}-` } : {},
    token: request.token,
    signal,
    agents: request.agents,
    idleTimeoutMs: request.idleTimeoutMs ?? 60_000,
  });
  const failure = statusError(response, request.url);
  if (failure !== null) {
    response.body.resume();
    throw failure;
  }
  let state = start;
  if (response.status === 416) {
    response.body.resume();
    if (request.expectedBytes === null || state.bytes === request.expectedBytes) {
      return state;
    }
    await restart();
    throw new TransientNetworkError('The server refused the resume range; starting over.');
  }
  if (response.status === 200 && state.bytes > 0) {
    await restart();
    state = latest();
  } else if (response.status === 206) {
    const range = parseContentRange(response.headers['content-range']);
    if (range?.start !== state.bytes) {
      response.body.resume();
      await restart();
      throw new TransientNetworkError('The server answered a different range; starting over.');
    }
  }
  checkAnnouncedSize(request, response, state.bytes);
  return appendBody(request, response, state);
}

function checkAnnouncedSize(request: FileDownload, response: GetResponse, offset: number): void {
  const length = Number(response.headers['content-length'] ?? Number.NaN);
  const total =
    response.status === 206
      ? parseContentRange(response.headers['content-range'])?.total
      : Number.isFinite(length)
        ? length + offset
        : null;
  if (request.expectedBytes !== null && total !== null && total !== undefined) {
    if (total !== request.expectedBytes) {
      response.body.resume();
      throw new StudioError(
        'MODEL_CORRUPT',
        `The server's ${fileName(request.url)} has ${total} bytes; ${request.expectedBytes} were expected.`,
        { url: request.url, expected: request.expectedBytes, actual: total },
      );
    }
  }
}

async function appendBody(
  request: FileDownload,
  response: GetResponse,
  state: HashState,
): Promise<HashState> {
  const { signal } = request;
  const handle = await open(request.partPath, 'a');
  const sink = new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _encoding, callback) {
      void (async () => {
        let written = 0;
        while (written < chunk.length) {
          const { bytesWritten } = await handle.write(chunk, written);
          written += bytesWritten;
        }
        // Only bytes that reached the file enter the hash.
        state.hash.update(chunk);
        state.bytes += chunk.length;
        request.onProgress(state.bytes);
      })().then(() => {
        callback();
      }, callback);
    },
  });
  try {
    await pipeline(response.body, sink, { signal });
    await handle.sync();
  } catch (error) {
    if (signal.aborted) {
      throw cancelledError(signal.reason);
    }
    if (isStudioError(error)) {
      throw error;
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new TransientNetworkError(`The connection dropped: ${message}`, { cause: error });
  } finally {
    await handle.close();
  }
  return state;
}
