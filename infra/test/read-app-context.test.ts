import { describe, expect, it } from '@jest/globals';
import { readAppContext } from '../src/read-app-context.js';

function contextOf(values: Record<string, unknown>): (key: string) => unknown {
  return (key) => values[key];
}

describe('readAppContext', () => {
  it('accepts a known env and a domain', () => {
    expect(readAppContext(contextOf({ env: 'prod', mailDomain: 'mail.example.org' }))).toEqual({
      env: 'prod',
      mailDomain: 'mail.example.org',
    });
  });

  it('rejects an unknown env', () => {
    expect(() => readAppContext(contextOf({ env: 'production', mailDomain: 'example.org' }))).toThrow(
      /env=<dev\|staging\|prod>/,
    );
  });

  it('rejects something that is not a bare domain', () => {
    for (const mailDomain of ['https://example.org', 'noreply@example.org', 'localhost', 42]) {
      expect(() => readAppContext(contextOf({ env: 'dev', mailDomain }))).toThrow(/mailDomain/);
    }
  });

  it('reports every missing value at once', () => {
    expect(() => readAppContext(contextOf({}))).toThrow(/env=[\s\S]*mailDomain=/);
  });
});
