/** StudioError codes as words for people. The only place the renderer turns errors into text. */
import { type ErrorCode, isErrorCode, isStudioError } from '../../../app/errors.ts';
import { tr } from '../i18n/active.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** What to do next, where there is something useful to say. */
const HINTED: ReadonlySet<ErrorCode> = new Set([
  'UNAVAILABLE',
  'CONTRACT_MISMATCH',
  'CONFLICT',
  'STORAGE_FAILED',
  'INSUFFICIENT_MEMORY',
]);

const hintFor = (code: ErrorCode): string | null =>
  HINTED.has(code) ? tr(`error.hint.${code}` as MessageKey) : null;

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

/** The code as a title, in the interface language. */
export function errorTitle(code: ErrorCode): string {
  return tr(`error.${code}`);
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
    error instanceof Error && error.message !== '' ? error.message : tr('error.noDetails');
  return {
    code,
    title: errorTitle(code),
    detail,
    hint: hintFor(code),
    issues: fieldIssues(error),
  };
}

/** Cancelled is an outcome the user chose, not a failure to report. */
export function isCancellation(error: unknown): boolean {
  return isStudioError(error, 'CANCELLED');
}
