import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempDir, removeDir } from '../../tests/helpers/temp-dir.ts';
import { openFileLog } from './file-log.ts';

let dir: string;

beforeEach(async () => {
  dir = await makeTempDir();
});

afterEach(async () => {
  await removeDir(dir);
});

describe('file log', () => {
  it('writes one JSON object per line and mirrors warnings and errors', async () => {
    const mirrored: string[] = [];
    const file = openFileLog(join(dir, 'logs'), { mirror: (line) => mirrored.push(line) });
    file.log.child('ipc').info('call.done', { method: 'project.list' });
    file.log.warn('slow', { ms: 1200 });
    file.log.debug('hidden');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    file.log.error('odd', cyclic);
    await file.close();
    await file.close();
    file.log.info('after close');
    const lines = (await readFile(file.path, 'utf8')).trim().split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((r) => [r.level, r.scope, r.event])).toEqual([
      ['info', 'ipc', 'call.done'],
      ['warn', '', 'slow'],
      ['error', '', 'odd'],
    ]);
    expect(records[0]?.method).toBe('project.list');
    expect(records[2]?.unserializable).toBe(true);
    expect(mirrored).toHaveLength(2);
  });

  it('appends across runs and sets a large previous log aside', async () => {
    const logs = join(dir, 'logs');
    const first = openFileLog(logs, { mirror: () => undefined });
    first.log.info('one');
    await first.close();
    const second = openFileLog(logs, { mirror: () => undefined });
    second.log.info('two');
    await second.close();
    expect((await readFile(second.path, 'utf8')).trim().split('\n')).toHaveLength(2);
    await writeFile(second.path, 'x'.repeat(11 * 1024 * 1024));
    const third = openFileLog(logs, { mirror: () => undefined });
    third.log.info('three');
    await third.close();
    expect((await readFile(`${third.path}.1`, 'utf8')).length).toBe(11 * 1024 * 1024);
    expect((await readFile(third.path, 'utf8')).trim().split('\n')).toHaveLength(1);
  });
});
