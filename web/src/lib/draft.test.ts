import { describe, expect, it } from 'vitest';
import { checkTextDraft } from './draft';

const RULES = { maxLength: 10, whenBlank: 'Write something.' };

describe('checkTextDraft', () => {
  it('sends the trimmed text', () => {
    expect(checkTextDraft('  new text ', 'old', RULES)).toEqual({ value: 'new text' });
  });

  it('refuses blank text with the field’s own sentence', () => {
    expect(checkTextDraft(' \n ', 'old', RULES)).toEqual({ error: 'Write something.' });
  });

  it('counts the limit on the trimmed text', () => {
    expect(checkTextDraft(` ${'x'.repeat(10)} `, 'old', RULES)).toEqual({ value: 'x'.repeat(10) });
    expect(checkTextDraft('x'.repeat(11), 'old', RULES)).toEqual({ error: 'Use at most 10 characters.' });
  });

  it('sends nothing when only the surrounding spaces changed', () => {
    expect(checkTextDraft('old ', ' old', RULES)).toEqual({ unchanged: true });
  });
});
