import { describe, expect, it } from 'vitest';
import { diffWords } from './word-diff';

const rebuild = (parts: ReturnType<typeof diffWords>, keep: 'removed' | 'added') =>
  parts
    .filter((part) => part.kind === 'same' || part.kind === keep)
    .map((part) => part.text)
    .join('');

describe('diffWords', () => {
  it('marks removed and added words and keeps the rest', () => {
    const parts = diffWords(
      'Fine. As usual you forgot, so I will be there at 3:15.',
      'I will be there at 3:15.',
    );
    expect(parts).toEqual([
      { kind: 'removed', text: 'Fine. As usual you forgot, so ' },
      { kind: 'same', text: 'I will be there at 3:15.' },
    ]);
  });

  it('gives back both texts word for word', () => {
    const original = 'Whatever. I said Friday,  not Saturday. Stop it.';
    const suggested = 'I said Friday, not Saturday. Please confirm.';
    const parts = diffWords(original, suggested);
    expect(parts.some((part) => part.kind === 'added')).toBe(true);
    expect(rebuild(parts, 'added').replace(/\s+/gu, ' ')).toBe(suggested);
    expect(rebuild(parts, 'removed').replace(/\s+/gu, ' ')).toBe(original.replace(/\s+/gu, ' '));
  });

  it('handles empty texts', () => {
    expect(diffWords('', '')).toEqual([]);
    expect(diffWords('', 'Hello there')).toEqual([{ kind: 'added', text: 'Hello there' }]);
  });
});
