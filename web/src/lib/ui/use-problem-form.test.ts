import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { sendForErrors } from './use-problem-form';

describe('sendForErrors', () => {
  it('answers saved when the send succeeds', async () => {
    await expect(sendForErrors(['title'], () => Promise.resolve({}))).resolves.toEqual({ isSaved: true });
  });

  it('puts each API error at its field and the rest on the form', async () => {
    const error = new ApiError({
      type: 'about:blank',
      title: 'Invalid input',
      status: 400,
      code: 'validation_failed',
      errors: [
        { field: '/title', message: 'must not be empty' },
        { field: '/unknown', message: 'is not allowed' },
      ],
    });
    const outcome = await sendForErrors(['title', 'hours'], () => Promise.reject(error));
    expect(outcome).toEqual({
      isSaved: false,
      errors: { fields: { title: 'Must not be empty' }, form: 'unknown: is not allowed' },
    });
  });

  it('shows an error that is not the API’s as one sentence for the form', async () => {
    const outcome = await sendForErrors(['title'], () => Promise.reject(new Error('boom')));
    expect(outcome).toEqual({
      isSaved: false,
      errors: { fields: {}, form: 'Something went wrong. Please try again.' },
    });
  });
});
