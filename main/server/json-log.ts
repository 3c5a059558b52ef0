/** A log sink writing one JSON object per line (to a stream such as stderr or a log file). */
import type { LogRecord, LogSink } from '../../app/log.ts';

export function jsonLineSink(write: (line: string) => void): LogSink {
  return (record: LogRecord) => {
    const { time, level, scope, event, fields } = record;
    try {
      write(
        `${JSON.stringify({ time: new Date(time).toISOString(), level, scope, event, ...fields })}\n`,
      );
    } catch {
      write(
        `${JSON.stringify({ time: new Date(time).toISOString(), level, scope, event, unserializable: true })}\n`,
      );
    }
  };
}
