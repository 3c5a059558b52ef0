/**
 * The desktop log: JSON lines in `<userData>/logs/main.log` (rotated by main/core's log file),
 * with warnings and errors mirrored to stderr for whoever started the app from a terminal.
 */
import { join } from 'node:path';

import { createLogger, type Logger, type LogLevel } from '../../app/log.ts';
import { jsonLineSink, openLogFile, teeSink } from '../core/logging/json-lines.ts';

export interface FileLog {
  log: Logger;
  path: string;
  /** Flushes and closes the file; later records go to the mirror only. */
  close(): Promise<void>;
}

export function openFileLog(
  logsDir: string,
  options: { minLevel?: LogLevel; mirror?: (line: string) => void } = {},
): FileLog {
  const path = join(logsDir, 'main.log');
  const file = openLogFile(path);
  const mirror = jsonLineSink(options.mirror ?? ((line) => process.stderr.write(line)));
  let closed = false;
  const log = createLogger(
    teeSink(
      (record) => {
        if (!closed) {
          file.sink(record);
        }
      },
      (record) => {
        if (record.level === 'warn' || record.level === 'error') {
          mirror(record);
        }
      },
    ),
    { minLevel: options.minLevel ?? 'info' },
  );
  return {
    log,
    path,
    close: async () => {
      if (!closed) {
        closed = true;
        await file.close();
      }
    },
  };
}
