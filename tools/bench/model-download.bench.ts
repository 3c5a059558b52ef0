/**
 * Model downloads over loopback: the downloader's throughput (HTTP, file writes and the
 * streamed sha256 together) against hashing the same bytes in memory, which bounds it. Also a
 * resumed download after a drop at half the file, to show resume costs no re-read.
 *
 *   npm run bench model-download [-- --mb 256]
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { noopLogger } from '../../app/log.ts';
import { downloadFile } from '../../main/core/models/download/download-file.ts';
import { createAgents } from '../../main/core/models/download/http-client.ts';

const flag = process.argv.indexOf('--mb');
const megabytes = flag > 0 ? Number(process.argv[flag + 1]) : 256;
const body = randomBytes(megabytes * 1024 * 1024);
const sha = createHash('sha256').update(body).digest('hex');
let dropNext = false;

const server = createServer((req, res) => {
  const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
  const part = body.subarray(start);
  res.writeHead(start > 0 ? 206 : 200, {
    'content-length': part.length,
    ...(start > 0 ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
  });
  if (dropNext) {
    dropNext = false;
    res.write(part.subarray(0, part.length / 2), () => {
      setTimeout(() => res.socket?.destroy(), 20);
    });
    return;
  }
  res.end(part);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/f`;
const dir = await mkdtemp(join(tmpdir(), 'layerline-bench-'));
const agents = createAgents({});

async function timed(label: string, drop: boolean): Promise<number> {
  await rm(join(dir, 'f.part'), { force: true });
  dropNext = drop;
  const started = performance.now();
  const result = await downloadFile({
    url,
    partPath: join(dir, 'f.part'),
    expectedBytes: body.length,
    expectedSha256: sha,
    token: null,
    signal: new AbortController().signal,
    agents,
    log: noopLogger,
    onProgress: () => undefined,
    retry: { attempts: 3, initialDelayMs: 1, maxDelayMs: 1, jitter: 0 },
  });
  const seconds = (performance.now() - started) / 1000;
  const rate = megabytes / seconds;
  console.log(
    `${label}: ${megabytes} MiB in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} MiB/s (${result.attempts} attempts)`,
  );
  return rate;
}

const hashStart = performance.now();
createHash('sha256').update(body).digest('hex');
const hashRate = megabytes / ((performance.now() - hashStart) / 1000);
console.log(`sha256 in memory: ${hashRate.toFixed(0)} MiB/s (upper bound)`);
const plain = await timed('download + verify', false);
const resumed = await timed('download with a drop at 50% + resume + verify', true);
console.log(
  `download / sha256 ratio: ${(plain / hashRate).toFixed(2)}; resumed / plain: ${(resumed / plain).toFixed(2)}`,
);
agents.destroy();
server.close();
await rm(dir, { recursive: true, force: true });
