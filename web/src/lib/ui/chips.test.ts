import { describe, expect, it } from 'vitest';
import { addChips, mergeChipDraft, splitChips } from './chips';

describe('chips', () => {
  it('splits on commas and new lines and tidies spaces', () => {
    expect(splitChips(' Alex ,  Sam  Lee,\nJo,, ')).toEqual(['Alex', 'Sam Lee', 'Jo']);
    expect(splitChips('   ')).toEqual([]);
  });

  it('adds without duplicates, ignoring case', () => {
    expect(addChips(['Alex'], ['alex', 'Sam', 'Sam'])).toEqual(['Alex', 'Sam']);
  });

  it('adds the text still typed in the input', () => {
    expect(mergeChipDraft(['Alex'], 'Sam, alex')).toEqual(['Alex', 'Sam']);
    expect(mergeChipDraft(['Alex'], '  ')).toEqual(['Alex']);
  });
});
