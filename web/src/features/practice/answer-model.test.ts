import { describe, expect, it } from 'vitest';
import { buildAnswer, describeScore, EMPTY_DRAFT } from './answer-model';
import type { Exercise } from './hooks';

const base = { id: 'x-1', skillId: 'x', title: 'T', prompt: 'P', contentVersion: 1 };
const choice: Exercise = { ...base, type: 'multiple-choice', options: [{ id: 'a', text: 'A' }] };
const written: Exercise = { ...base, type: 'written', rubric: [{ id: 'c', text: 'C', points: 1 }] };
const drill: Exercise = { ...base, type: 'drill', steps: ['s'], tip: 't' };

describe('buildAnswer', () => {
  it('asks for what is missing, answer first', () => {
    expect(buildAnswer(choice, EMPTY_DRAFT)).toEqual({ missing: 'Choose an answer.', field: 'answer' });
    expect(buildAnswer(written, { ...EMPTY_DRAFT, text: '   ' })).toEqual({
      missing: 'Write your answer.',
      field: 'answer',
    });
    expect(buildAnswer(drill, EMPTY_DRAFT)).toEqual({ missing: 'Rate how it went.', field: 'rating' });
  });

  it('builds each type of answer with the rating', () => {
    expect(buildAnswer(choice, { ...EMPTY_DRAFT, optionId: 'a', selfRating: 'good' })).toEqual({
      answer: { type: 'multiple-choice', optionId: 'a' },
      selfRating: 'good',
    });
    expect(buildAnswer(written, { text: ' My answer ', criteriaMet: ['c'], selfRating: 'hard' })).toEqual({
      answer: { type: 'written', text: 'My answer', criteriaMet: ['c'] },
      selfRating: 'hard',
    });
    expect(buildAnswer(drill, { ...EMPTY_DRAFT, selfRating: 'easy' })).toEqual({
      answer: { type: 'drill' },
      selfRating: 'easy',
    });
  });

  it('describes scores', () => {
    expect(describeScore(0.426)).toBe('43%');
    expect(describeScore(null)).toMatch(/not scored/);
  });
});
