/** Log sinks writing one JSON object per line: to a stream, or to a size-capped log file. */
import { createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

import type { LogRecord, LogSink } from '../../../app/log.ts';

export function jsonLineSink(write: (line: string) => void): LogSink {
  return (record: LogRecord) => {
    const { time, level, scope, event, fields } = record;
    const head = { time: new Date(time).toISOString(), level, scope, event };
    let line: string;
    try {
      line = JSON.stringify({ ...head, ...fields });
    } catch {
      line = JSON.stringify({ ...head, unserializable: true });
    }
    write(`${line}\n`);
  };
}

/**
 * Appends to `path`; a file already over `maxBytes` is moved to `<path>.1` first (one
 * generation kept). Returns the sink and a close function that flushes.
 */
export function openLogFile(
  path: string,
  maxBytes = 10 * 1024 * 1024,
): { sink: LogSink; close: () => Promise<void> } {
  mkdirSync(dirname(path), { recursive: true });
  try {
    if (statSync(path).size > maxBytes) {
      renameSync(path, `${path}.1`);
    }
  } catch {
    // No log yet.
  }
  const stream = createWriteStream(path, { flags: 'a' });
  return {
    sink: jsonLineSink((line) => stream.write(line)),
    close: () =>
      new Promise((resolve) => {
        stream.end(resolve);
      }),
  };
}

/** A sink that writes every record to each of `sinks`. */
export function teeSink(...sinks: LogSink[]): LogSink {
  return (record) => {
    for (const sink of sinks) {
      sink(record);
    }
  };
}
