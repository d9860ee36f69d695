import { describe, expect, it } from '@jest/globals';
import { readAppContext } from '../src/read-app-context.js';

const VALID = { env: 'prod', mailDomain: 'mail.example.org', apiPublicUrl: 'https://api.example.org' };

function contextOf(values: Record<string, unknown>): (key: string) => unknown {
  return (key) => values[key];
}

describe('readAppContext', () => {
  it('accepts a known env, a domain and an https API URL', () => {
    expect(readAppContext(contextOf(VALID))).toEqual(VALID);
  });

  it('rejects an unknown env', () => {
    expect(() => readAppContext(contextOf({ ...VALID, env: 'production' }))).toThrow(
      /env=<dev\|staging\|prod>/,
    );
  });

  it('rejects something that is not a bare domain', () => {
    for (const mailDomain of ['https://example.org', 'noreply@example.org', 'localhost', 42]) {
      expect(() => readAppContext(contextOf({ ...VALID, mailDomain }))).toThrow(/mailDomain/);
    }
  });

  it('rejects an API URL that is not https', () => {
    for (const apiPublicUrl of ['http://api.example.org', 'api.example.org', 42]) {
      expect(() => readAppContext(contextOf({ ...VALID, apiPublicUrl }))).toThrow(/apiPublicUrl=/);
    }
  });

  it('reports every missing value at once', () => {
    expect(() => readAppContext(contextOf({}))).toThrow(/env=[\s\S]*mailDomain=[\s\S]*apiPublicUrl=/);
  });
});
