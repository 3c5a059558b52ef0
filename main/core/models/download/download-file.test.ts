import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { isStudioError, StudioError } from '../../../../app/errors.ts';
import { noopLogger } from '../../../../app/log.ts';
import {
  type FakeModelServer,
  startFakeModelServer,
} from '../../../../tests/helpers/fake-model-server.ts';
import { makeTempDir, removeDir } from '../../../../tests/helpers/temp-dir.ts';
import { downloadFile, type FileDownload, parseContentRange } from './download-file.ts';
import { createAgents, type HttpAgents } from './http-client.ts';

const FAST_RETRY = { attempts: 5, initialDelayMs: 5, maxDelayMs: 20, jitter: 0 };
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('downloadFile', () => {
  let server: FakeModelServer;
  let dir: string;
  let agents: HttpAgents;
  const body = randomBytes(300 * 1024 + 17);
  beforeEach(async () => {
    server = await startFakeModelServer();
    server.files.set('/pack/weights.bin', body);
    dir = await makeTempDir();
    agents = createAgents({});
  });
  afterEach(async () => {
    agents.destroy();
    await server.close();
    await removeDir(dir);
  });

  const request = (overrides: Partial<FileDownload> = {}): FileDownload => ({
    url: `${server.url}/pack/weights.bin`,
    partPath: join(dir, 'weights.bin.part'),
    expectedBytes: body.length,
    expectedSha256: sha(body),
    token: null,
    signal: new AbortController().signal,
    agents,
    log: noopLogger,
    onProgress: () => undefined,
    retry: FAST_RETRY,
    ...overrides,
  });

  it('downloads and verifies a file, reporting monotonic progress up to its size', async () => {
    const seen: number[] = [];
    const result = await downloadFile(request({ onProgress: (bytes) => seen.push(bytes) }));
    expect(result).toMatchObject({ bytes: body.length, sha256: sha(body), attempts: 1 });
    expect(await readFile(join(dir, 'weights.bin.part'))).toEqual(body);
    expect(seen.at(-1)).toBe(body.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('resumes with a Range request after the connection drops mid-file', async () => {
    server.addFault('/pack/weights.bin', { kind: 'drop', afterBytes: 100_000 });
    const result = await downloadFile(request());
    expect(result.attempts).toBe(2);
    expect(await readFile(join(dir, 'weights.bin.part'))).toEqual(body);
    const ranges = server.requests.map((r) => r.range);
    expect(ranges[0]).toBeNull();
    // The second request starts at a chunk boundary past what was received, not at 0.
    expect(ranges[1]).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(ranges[1] ?? '')?.[0])).toBeGreaterThan(0);
  });

  it('continues a partial file left by an earlier session', async () => {
    await writeFile(join(dir, 'weights.bin.part'), body.subarray(0, 123_456));
    const result = await downloadFile(request());
    expect(result.resumedFrom).toBe(123_456);
    expect(server.requests[0]?.range).toBe('bytes=123456-');
    expect(await readFile(join(dir, 'weights.bin.part'))).toEqual(body);
  });

  it('starts over when the server ignores the Range header', async () => {
    await writeFile(join(dir, 'weights.bin.part'), body.subarray(0, 5000));
    server.addFault('/pack/weights.bin', { kind: 'ignoreRange' });
    const result = await downloadFile(request());
    expect(result.bytes).toBe(body.length);
    expect(await readFile(join(dir, 'weights.bin.part'))).toEqual(body);
  });

  it('discards corrupted bytes and downloads again, then verifies', async () => {
    server.addFault('/pack/weights.bin', { kind: 'corrupt' });
    const result = await downloadFile(request());
    expect(result.attempts).toBe(2);
    expect(result.sha256).toBe(sha(body));
  });

  it('fails with MODEL_CORRUPT and removes the file when the source keeps serving bad bytes', async () => {
    server.addFault('/pack/weights.bin', { kind: 'corrupt' }, { kind: 'corrupt' });
    const error = await downloadFile(request()).catch((e: unknown) => e);
    expect(isStudioError(error, 'MODEL_CORRUPT')).toBe(true);
    await expect(stat(join(dir, 'weights.bin.part'))).rejects.toThrow();
  });

  it('retries 500s with backoff and succeeds', async () => {
    server.addFault(
      '/pack/weights.bin',
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
    );
    const result = await downloadFile(request());
    expect(result.attempts).toBe(3);
  });

  it('gives up after the retry budget with the last error', async () => {
    for (let i = 0; i < 5; i += 1) {
      server.addFault('/pack/weights.bin', { kind: 'status', status: 500 });
    }
    await expect(downloadFile(request())).rejects.toThrow(/HTTP 500/);
    expect(server.requests).toHaveLength(5);
  });

  it('answers 404 with NOT_FOUND at once, without retrying', async () => {
    const error = await downloadFile(request({ url: `${server.url}/pack/missing.bin` })).catch(
      (e: unknown) => e,
    );
    expect(isStudioError(error, 'NOT_FOUND')).toBe(true);
    expect((error as StudioError).message).toContain('missing.bin');
    expect(server.requests).toHaveLength(1);
  });

  it('answers 401 with UNAUTHORIZED and sends the token when given', async () => {
    server.token = 'secret-token-123';
    const error = await downloadFile(request()).catch((e: unknown) => e);
    expect(isStudioError(error, 'UNAUTHORIZED')).toBe(true);
    expect((error as StudioError).message).toMatch(/access token/);
    const ok = await downloadFile(request({ token: 'secret-token-123' }));
    expect(ok.bytes).toBe(body.length);
  });

  it('follows redirects and drops the token when the redirect leaves the origin', async () => {
    const cdn = await startFakeModelServer();
    try {
      cdn.files.set('/blob/abc', body);
      server.redirects.set('/pack/weights.bin', `${cdn.url}/blob/abc`);
      server.redirects.set('/pack/alias.bin', '/pack/weights.bin');
      const result = await downloadFile(
        request({ url: `${server.url}/pack/alias.bin`, token: 'tok-abcdefghijkl' }),
      );
      expect(result.sha256).toBe(sha(body));
      expect(server.requests.map((r) => r.authorization)).toEqual([
        'Bearer tok-abcdefghijkl',
        'Bearer tok-abcdefghijkl',
      ]);
      expect(cdn.requests.map((r) => r.authorization)).toEqual([null]);
    } finally {
      await cdn.close();
    }
  });

  it('rejects a server file whose announced size differs from the catalog', async () => {
    const error = await downloadFile(request({ expectedBytes: body.length + 1 })).catch(
      (e: unknown) => e,
    );
    expect(isStudioError(error, 'MODEL_CORRUPT')).toBe(true);
  });

  it('stops with CANCELLED when aborted mid-download and keeps the verified prefix', async () => {
    server.bytesPerSecond = 256 * 1024;
    const controller = new AbortController();
    const promise = downloadFile(
      request({
        signal: controller.signal,
        onProgress: (bytes) => {
          if (bytes >= 64 * 1024) {
            controller.abort(new StudioError('CANCELLED', 'paused'));
          }
        },
      }),
    );
    const error = await promise.catch((e: unknown) => e);
    expect(isStudioError(error, 'CANCELLED')).toBe(true);
    const kept = (await stat(join(dir, 'weights.bin.part'))).size;
    expect(kept).toBeGreaterThan(0);
    expect(await readFile(join(dir, 'weights.bin.part'))).toEqual(body.subarray(0, kept));
  });

  it('works when only the size is known (sha256 from the result)', async () => {
    const result = await downloadFile(request({ expectedSha256: null, expectedBytes: null }));
    expect(result.sha256).toBe(sha(body));
  });
});

describe('parseContentRange', () => {
  it('reads start, end and total', () => {
    expect(parseContentRange('bytes 10-19/20')).toEqual({ start: 10, end: 19, total: 20 });
    expect(parseContentRange('bytes 0-9/*')).toEqual({ start: 0, end: 9, total: null });
    expect(parseContentRange('items 1-2/3')).toBeNull();
    expect(parseContentRange(undefined)).toBeNull();
  });
});
