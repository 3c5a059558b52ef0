/** Structured, scoped logging. Core code receives a Logger; it never uses console. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger whose records carry `scope` (joined with dots to the parent's). */
  child(scope: string): Logger;
}

export interface LogRecord {
  level: LogLevel;
  scope: string;
  event: string;
  fields: LogFields;
  time: number;
}

export type LogSink = (record: LogRecord) => void;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A logger writing records at or above `minLevel` to `sink`. `now` returns epoch ms. */
export function createLogger(
  sink: LogSink,
  options: { scope?: string; minLevel?: LogLevel; now?: () => number } = {},
): Logger {
  const scope = options.scope ?? '';
  const min = LEVELS[options.minLevel ?? 'info'];
  const now = options.now ?? (() => Date.now());
  const write =
    (level: LogLevel) =>
    (event: string, fields: LogFields = {}) => {
      if (LEVELS[level] >= min) {
        sink({ level, scope, event, fields, time: now() });
      }
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (child) =>
      createLogger(sink, { ...options, scope: scope === '' ? child : `${scope}.${child}` }),
  };
}

export const noopLogger: Logger = createLogger(() => undefined);

/** Error details fit for a log line: message, code and stack, never the whole object graph. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { error: error.message, errorName: error.name, code, stack: error.stack };
  }
  return { error: String(error) };
}
