import type { Answer, Exercise, SelfRating } from './hooks';

/** What the person has entered so far for one exercise. */
export type Draft = { optionId?: string; text: string; criteriaMet: string[]; selfRating?: SelfRating };

export const EMPTY_DRAFT: Draft = { text: '', criteriaMet: [] };

export const RATINGS: { value: SelfRating; label: string; hint: string }[] = [
  { value: 'again', label: 'Again', hint: 'I could not do it' },
  { value: 'hard', label: 'Hard', hint: 'I did it with real effort' },
  { value: 'good', label: 'Good', hint: 'I did it with some thought' },
  { value: 'easy', label: 'Easy', hint: 'I did it without effort' },
];

/** The answer to send, or the first thing still missing (in words, for the form's error). */
export function buildAnswer(
  exercise: Exercise,
  draft: Draft,
): { answer: Answer; selfRating: SelfRating } | { missing: string; field: 'answer' | 'rating' } {
  let answer: Answer;
  if (exercise.type === 'multiple-choice') {
    if (draft.optionId === undefined) return { missing: 'Choose an answer.', field: 'answer' };
    answer = { type: 'multiple-choice', optionId: draft.optionId };
  } else if (exercise.type === 'written') {
    const text = draft.text.trim();
    if (text === '') return { missing: 'Write your answer.', field: 'answer' };
    answer = { type: 'written', text, criteriaMet: draft.criteriaMet };
  } else {
    answer = { type: 'drill' };
  }
  if (draft.selfRating === undefined) return { missing: 'Rate how it went.', field: 'rating' };
  return { answer, selfRating: draft.selfRating };
}

/** A score (0..1, or null for a drill) in words. */
export function describeScore(score: number | null | undefined): string {
  if (score === null || score === undefined) return 'Drills are not scored: your rating counts.';
  return `${Math.round(score * 100)}%`;
}
