/** StudioError codes as words for people. The only place the renderer turns errors into text. */
import { type ErrorCode, isErrorCode, isStudioError } from '../../../app/errors.ts';

const ERROR_TITLES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Some values need fixing',
  NOT_FOUND: 'It is no longer there',
  CONFLICT: 'Something changed in the meantime',
  CANCELLED: 'Cancelled',
  UNAUTHORIZED: 'Not allowed',
  UNAVAILABLE: 'The studio cannot be reached',
  CONTRACT_MISMATCH: 'This window and the studio do not match',
  UNSUPPORTED_FORMAT: 'That file format is not supported',
  TOO_LARGE: 'That file is too large',
  STORAGE_FAILED: 'The studio could not save to disk',
  MIGRATION_FAILED: 'A project could not be upgraded',
  MODEL_MISSING: 'A model is not installed',
  MODEL_CORRUPT: 'A model file is damaged',
  INSUFFICIENT_MEMORY: 'Not enough memory',
  INFERENCE_FAILED: 'Generation failed',
  INFERENCE_PROCESS_CRASHED: 'The generation engine stopped unexpectedly',
  INTERNAL: 'Something went wrong',
};

/** What to do next, where there is something useful to say. */
const ERROR_HINTS: Partial<Record<ErrorCode, string>> = {
  UNAVAILABLE: 'Check that the studio is still running, then try again.',
  CONTRACT_MISMATCH: 'Reload the window. If that does not help, update the app.',
  CONFLICT: 'The latest state has been loaded; try again.',
  STORAGE_FAILED: 'Check the free disk space and the data folder permissions.',
  INSUFFICIENT_MEMORY: 'Close other applications or choose a shorter duration.',
};

export interface FieldIssue {
  /** Dotted path into the params, e.g. "name" or "edits.0.patch.name". */
  path: string;
  message: string;
}

export interface DescribedError {
  code: ErrorCode;
  title: string;
  /** The host's own sentence, which names the specific thing that failed. */
  detail: string;
  hint: string | null;
  issues: FieldIssue[];
}

export function errorTitle(code: ErrorCode): string {
  return ERROR_TITLES[code];
}

/** The field issues of a VALIDATION_FAILED error (details.issues); empty for anything else. */
export function fieldIssues(error: unknown): FieldIssue[] {
  if (!isStudioError(error, 'VALIDATION_FAILED')) {
    return [];
  }
  const details = error.details as { issues?: unknown } | null | undefined;
  if (!Array.isArray(details?.issues)) {
    return [];
  }
  return details.issues.flatMap((issue: unknown) => {
    const { path, message } = (issue ?? {}) as { path?: unknown; message?: unknown };
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

/** The message for `field`: an issue whose path is the field or ends with ".field". */
export function issueFor(issues: readonly FieldIssue[], field: string): string | undefined {
  return issues.find((issue) => issue.path === field || issue.path.endsWith(`.${field}`))?.message;
}

export function describeError(error: unknown): DescribedError {
  const code: ErrorCode = isStudioError(error)
    ? error.code
    : isErrorCode((error as { code?: unknown } | null)?.code)
      ? (error as { code: ErrorCode }).code
      : 'INTERNAL';
  const detail =
    error instanceof Error && error.message !== '' ? error.message : 'No further details.';
  return {
    code,
    title: ERROR_TITLES[code],
    detail,
    hint: ERROR_HINTS[code] ?? null,
    issues: fieldIssues(error),
  };
}

/** Cancelled is an outcome the user chose, not a failure to report. */
export function isCancellation(error: unknown): boolean {
  return isStudioError(error, 'CANCELLED');
}
