/**
 * The one error type that crosses every boundary (IPC, HTTP, the inference process).
 * The code set is closed: the renderer maps codes to user text, so adding one is a contract change.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'CANCELLED',
  'UNAUTHORIZED',
  'UNAVAILABLE',
  'CONTRACT_MISMATCH',
  'UNSUPPORTED_FORMAT',
  'TOO_LARGE',
  'STORAGE_FAILED',
  'MIGRATION_FAILED',
  'MODEL_MISSING',
  'MODEL_CORRUPT',
  'INSUFFICIENT_MEMORY',
  'INFERENCE_FAILED',
  'INFERENCE_PROCESS_CRASHED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Plain-data form of a StudioError, safe to serialize. */
export interface WireError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class StudioError extends Error {
  override readonly name = 'StudioError';
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.details = details;
  }

  toWire(): WireError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromWire(wire: WireError): StudioError {
    return new StudioError(wire.code, wire.message, wire.details);
  }
}

export function isStudioError(value: unknown, code?: ErrorCode): value is StudioError {
  return value instanceof StudioError && (code === undefined || value.code === code);
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** An aborted signal's reason as a StudioError('CANCELLED'), whatever the reason was. */
export function cancelledError(reason?: unknown): StudioError {
  if (isStudioError(reason, 'CANCELLED')) {
    return reason;
  }
  return new StudioError('CANCELLED', 'The operation was cancelled.', undefined, { cause: reason });
}

/** Throws CANCELLED when the signal is aborted; call between units of long work. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw cancelledError(signal.reason);
  }
}
