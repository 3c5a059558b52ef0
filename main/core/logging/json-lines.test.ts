import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createLogger } from '../../../app/log.ts';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp-dir.ts';
import { jsonLineSink, openLogFile } from './json-lines.ts';

describe('JSON-lines logging', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('writes one parsable line per record with scope, event and fields', () => {
    const lines: string[] = [];
    const log = createLogger(
      jsonLineSink((line) => lines.push(line)),
      { now: () => 0 },
    ).child('jobs');
    log.info('job.started', { jobId: 'j1' });
    log.debug('hidden');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    log.warn('weird', { circular });
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        time: '1970-01-01T00:00:00.000Z',
        level: 'info',
        scope: 'jobs',
        event: 'job.started',
        jobId: 'j1',
      },
      {
        time: '1970-01-01T00:00:00.000Z',
        level: 'warn',
        scope: 'jobs',
        event: 'weird',
        unserializable: true,
      },
    ]);
  });

  it('appends to a log file and rotates one that grew too large', async () => {
    const path = join(dir, 'logs', 'server.log');
    const first = openLogFile(path, 50);
    createLogger(first.sink).info('one');
    await first.close();
    await writeFile(path, 'x'.repeat(100), { flag: 'a' });
    const second = openLogFile(path, 50);
    createLogger(second.sink).info('two');
    await second.close();
    expect(await readFile(`${path}.1`, 'utf8')).toContain('"event":"one"');
    const current = await readFile(path, 'utf8');
    expect(current).toContain('"event":"two"');
    expect(current).not.toContain('"event":"one"');
  });
});
