import { describe, expect, it } from 'vitest';
import { ApiError, toProblem } from '../../lib/api/problem';
import { toInviteErrors } from './invite-errors';

const refusal = (errors: { field: string; message: string }[], detail = 'Check the body') =>
  new ApiError(
    toProblem(
      {
        type: 'https://holdfast.app/problems/validation-failed',
        title: 'The request is not valid',
        status: 400,
        code: 'validation_failed',
        detail,
        errors,
      },
      400,
    ),
  );

describe('toInviteErrors', () => {
  it('puts the grant’s fields, reported under /professional, on their own form fields', () => {
    const errors = toInviteErrors(
      refusal([
        { field: '/professional/endsAt', message: 'must be in the future and within a year' },
        { field: '/professional/kinds/0', message: 'must NOT have fewer than 1 items' },
        { field: '/email', message: 'must match format "email"' },
      ]),
    );
    expect(errors.fields).toEqual({
      endsAt: 'Must be in the future and within a year',
      kinds: 'Must NOT have fewer than 1 items',
      email: 'Must match format "email"',
    });
    expect(errors.form).toBeUndefined();
  });

  it('shows what names no field, or a problem without fields, at the form', () => {
    expect(
      toInviteErrors(refusal([{ field: '/professional', message: 'is required for the professional role' }]))
        .form,
    ).toBe('Is required for the professional role');
    expect(toInviteErrors(refusal([], 'This person is already a member')).form).toBe(
      'This person is already a member',
    );
    expect(toInviteErrors(new Error('offline')).form).toBe('Something went wrong. Please try again.');
  });
});
