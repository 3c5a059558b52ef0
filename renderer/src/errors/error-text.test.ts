import { describe, expect, it } from 'vitest';

import { ERROR_CODES, StudioError } from '../../../app/errors.ts';
import { describeError, errorTitle, fieldIssues, isCancellation, issueFor } from './error-text.ts';

describe('error text', () => {
  it('has its own sentence for every error code', () => {
    const titles = ERROR_CODES.map(errorTitle);
    for (const title of titles) {
      expect(title.trim().length).toBeGreaterThan(3);
    }
    expect(new Set(titles).size).toBe(ERROR_CODES.length);
  });

  it('describes a StudioError by code, with the host message and a hint', () => {
    const described = describeError(
      new StudioError('UNAVAILABLE', 'The studio server cannot be reached.'),
    );
    expect(described).toEqual({
      code: 'UNAVAILABLE',
      title: 'The studio cannot be reached',
      detail: 'The studio server cannot be reached.',
      hint: 'Check that the studio is still running, then try again.',
      issues: [],
    });
  });

  it('treats anything that is not a StudioError as INTERNAL', () => {
    expect(describeError(new TypeError('boom'))).toMatchObject({
      code: 'INTERNAL',
      title: 'Something went wrong',
      detail: 'boom',
    });
    expect(describeError('a string')).toMatchObject({
      code: 'INTERNAL',
      detail: 'No further details.',
    });
  });

  it('reads field issues from VALIDATION_FAILED details and finds them by field', () => {
    const error = new StudioError('VALIDATION_FAILED', 'Invalid parameters', {
      issues: [
        { path: 'name', message: 'A name cannot be empty.' },
        { path: 'edits.0.patch.gainDb', message: 'Too big' },
        { path: 42, message: 'dropped: not a path' },
      ],
    });
    const issues = fieldIssues(error);
    expect(issues).toHaveLength(2);
    expect(issueFor(issues, 'name')).toBe('A name cannot be empty.');
    expect(issueFor(issues, 'gainDb')).toBe('Too big');
    expect(issueFor(issues, 'tempo')).toBeUndefined();
    expect(fieldIssues(new StudioError('NOT_FOUND', 'gone', { issues: [] }))).toEqual([]);
    expect(fieldIssues(new StudioError('VALIDATION_FAILED', 'no details'))).toEqual([]);
  });

  it('knows that a cancellation is not a failure', () => {
    expect(isCancellation(new StudioError('CANCELLED', 'Stopped.'))).toBe(true);
    expect(isCancellation(new StudioError('INTERNAL', 'Broke.'))).toBe(false);
  });
});
