import { describe, expect, it } from 'vitest';
import { checkNewEmail, nameToShow } from './profile-checks';

describe('checkNewEmail', () => {
  it('accepts a different address, trimmed', () => {
    expect(checkNewEmail(' new@example.com ', 'old@example.com')).toEqual({ value: 'new@example.com' });
  });

  it('refuses text that is not an address', () => {
    expect(checkNewEmail('new@example', 'old@example.com')).toHaveProperty('error');
    expect(checkNewEmail('', 'old@example.com')).toHaveProperty('error');
  });

  it('refuses the current address in any case', () => {
    expect(checkNewEmail('Old@Example.com', 'old@example.com')).toEqual({
      error: 'This is already your email address.',
    });
  });
});

describe('nameToShow', () => {
  it('falls back to the email when no name is set', () => {
    expect(nameToShow({ displayName: '', email: 'a@example.com' })).toBe('a@example.com');
    expect(nameToShow({ displayName: 'Ana', email: 'a@example.com' })).toBe('Ana');
  });
});
