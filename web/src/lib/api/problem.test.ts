import { describe, expect, it } from 'vitest';
import {
  ApiError,
  describeError,
  isApiError,
  networkError,
  toFormErrors,
  toFormField,
  toProblem,
} from './problem';

const validation = (errors: { field: string; message: string }[]) =>
  new ApiError(
    toProblem(
      {
        type: 'https://holdfast.app/problems/validation-failed',
        title: 'The request is not valid',
        status: 400,
        code: 'validation_failed',
        detail: 'Check the body',
        errors,
      },
      400,
    ),
  );

describe('toFormField', () => {
  it('reduces API field paths to the top-level form field', () => {
    expect(toFormField('narrative')).toBe('narrative');
    expect(toFormField('peopleInvolved.0')).toBe('peopleInvolved');
    expect(toFormField('/body/occurredAt')).toBe('occurredAt');
    expect(toFormField('body.email')).toBe('email');
    expect(toFormField('tags[2]')).toBe('tags');
    expect(toFormField('body')).toBe('');
    expect(toFormField('')).toBe('');
  });
});

describe('toFormErrors', () => {
  const FIELDS = ['narrative', 'peopleInvolved', 'occurredAt'] as const;

  it('puts each error at its field, first message wins, capitalised', () => {
    const result = toFormErrors(
      validation([
        { field: 'narrative', message: 'is required' },
        { field: 'peopleInvolved.1', message: 'must NOT have more than 200 characters' },
        { field: 'narrative', message: 'second message' },
      ]),
      FIELDS,
    );
    expect(result).toEqual({
      fields: { narrative: 'Is required', peopleInvolved: 'Must NOT have more than 200 characters' },
    });
  });

  it('keeps errors for unknown fields as a form-level message', () => {
    const result = toFormErrors(
      validation([
        { field: 'narrative', message: 'is required' },
        { field: 'colour', message: 'is not a known field' },
      ]),
      FIELDS,
    );
    expect(result.fields).toEqual({ narrative: 'Is required' });
    expect(result.form).toBe('colour: is not a known field');
  });

  it('uses the detail when no error matches a field', () => {
    expect(toFormErrors(validation([{ field: 'body', message: 'must be object' }]), FIELDS)).toEqual({
      fields: {},
      form: 'Check the body',
    });
    const conflict = new ApiError(toProblem({ title: 'Conflict', status: 409, code: 'conflict' }, 409));
    expect(toFormErrors(conflict, FIELDS)).toEqual({ fields: {}, form: 'Conflict' });
  });

  it('describes errors that are not from the API', () => {
    expect(toFormErrors(new TypeError('x'), FIELDS)).toEqual({
      fields: {},
      form: 'Something went wrong. Please try again.',
    });
  });
});

describe('toProblem', () => {
  it('reads a problem+json body and drops malformed field errors', () => {
    const problem = toProblem(
      {
        type: 't',
        title: 'Stale',
        status: 409,
        code: 'version_conflict',
        detail: 'Changed',
        currentVersion: 4,
        errors: [{ field: 'a', message: 'b' }, { field: 1 }, 'nope'],
      },
      409,
    );
    expect(problem).toEqual({
      type: 't',
      title: 'Stale',
      status: 409,
      code: 'version_conflict',
      detail: 'Changed',
      currentVersion: 4,
      errors: [{ field: 'a', message: 'b' }],
    });
  });

  it('copes with bodies that are not problems', () => {
    expect(toProblem('<html>Bad gateway</html>', 502, 'Bad Gateway')).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
      code: 'internal',
    });
    expect(toProblem(undefined, 404)).toMatchObject({
      title: 'Request failed (404)',
      status: 404,
      code: 'unknown',
    });
  });
});

describe('ApiError helpers', () => {
  it('matches by status and code', () => {
    const error = new ApiError(toProblem({ title: 'x', status: 400, code: 'invalid_token' }, 400));
    expect(isApiError(error, { code: 'invalid_token' })).toBe(true);
    expect(isApiError(error, { status: 401 })).toBe(false);
    expect(isApiError(new Error('x'))).toBe(false);
    expect(error.message).toBe('x');
  });

  it('describes a network failure in words', () => {
    expect(describeError(networkError())).toMatch(/could not be reached/);
    expect(networkError().status).toBe(0);
  });
});
