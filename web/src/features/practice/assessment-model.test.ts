import { describe, expect, it } from 'vitest';
import type { AssessmentExercise } from './assessment-hooks';
import {
  buildAssessmentAnswers,
  describeLevelChange,
  formatRemaining,
  shouldAnnounce,
} from './assessment-model';

const choice = { id: 'biff-01', type: 'multiple-choice' } as AssessmentExercise;
const written = { id: 'biff-06', type: 'written' } as AssessmentExercise;

describe('assessment model', () => {
  it('sends only the questions answered, written answers trimmed', () => {
    expect(buildAssessmentAnswers([choice, written], {})).toEqual([]);
    expect(
      buildAssessmentAnswers([choice, written], {
        'biff-01': { optionId: 'b', text: '', criteriaMet: [] },
        'biff-06': { text: '  Yes, 4:30.  ', criteriaMet: ['brief'] },
      }),
    ).toEqual([
      { exerciseId: 'biff-01', answer: { type: 'multiple-choice', optionId: 'b' } },
      { exerciseId: 'biff-06', answer: { type: 'written', text: 'Yes, 4:30.', criteriaMet: ['brief'] } },
    ]);
    expect(buildAssessmentAnswers([written], { 'biff-06': { text: '   ', criteriaMet: [] } })).toEqual([]);
  });

  it('shows the time left as m:ss and announces it only at minutes and the last seconds', () => {
    expect(formatRemaining(605)).toBe('10:05');
    expect(formatRemaining(-3)).toBe('0:00');
    expect(shouldAnnounce(120)).toBe(true);
    expect(shouldAnnounce(30)).toBe(true);
    expect(shouldAnnounce(29)).toBe(false);
    expect(shouldAnnounce(0)).toBe(false);
  });

  it('names the mastery change', () => {
    expect(describeLevelChange('attempted', 'proficient')).toBe('Mastery: Attempted → Proficient.');
    expect(describeLevelChange('familiar', 'familiar')).toBe('Mastery stays Familiar.');
    expect(describeLevelChange(undefined, undefined)).toBe('Mastery is being updated.');
  });
});
