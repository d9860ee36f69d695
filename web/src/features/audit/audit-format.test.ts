import { describe, expect, it } from 'vitest';
import { describeAction, describeVerification, formatDetails, shortHash } from './audit-format';

describe('audit formatting', () => {
  it('says what a valid or a broken chain means', () => {
    expect(describeVerification({ isValid: true, checked: 42 })).toBe(
      'Chain intact: all 42 entries verified. No entry has been changed or removed.',
    );
    expect(
      describeVerification({ isValid: false, checked: 16, firstBrokenSeq: 17, reason: 'hash mismatch' }),
    ).toBe('Chain broken at entry 17 (hash mismatch). 16 entries before it verified.');
    expect(describeVerification({ isValid: true, checked: 1 })).toMatch(/all 1 entry verified/);
  });

  it('names known actions and keeps unknown ones', () => {
    expect(describeAction('incident.updated')).toBe('Corrected an incident');
    expect(describeAction('something.new')).toBe('something.new');
  });

  it('formats details and hashes', () => {
    expect(formatDetails({ fields: ['narrative', 'tags'], fromVersion: 2, note: null })).toEqual([
      'fields: narrative, tags',
      'fromVersion: 2',
      'note: —',
    ]);
    expect(shortHash('0123456789abcdef0123456789abcdef')).toBe('01234567…abcdef');
  });
});
