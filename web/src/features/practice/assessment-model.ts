import type { AssessmentAnswer, AssessmentExercise } from './assessment-hooks';
import type { Progress } from './hooks';
import { levelLabel } from './progress-model';

/** What the person has entered for one question of an assessment. */
export type QuestionDraft = { optionId?: string; text: string; criteriaMet: string[] };

export const EMPTY_QUESTION: QuestionDraft = { text: '', criteriaMet: [] };

/**
 * The answers to send: only the questions answered (an unanswered one counts 0 on the server,
 * so a person out of time can still submit what they have).
 */
export function buildAssessmentAnswers(
  exercises: readonly AssessmentExercise[],
  drafts: Readonly<Record<string, QuestionDraft>>,
): AssessmentAnswer[] {
  return exercises.flatMap((exercise): AssessmentAnswer[] => {
    const draft = drafts[exercise.id];
    if (draft === undefined) return [];
    if (exercise.type === 'multiple-choice')
      return draft.optionId === undefined
        ? []
        : [{ exerciseId: exercise.id, answer: { type: 'multiple-choice', optionId: draft.optionId } }];
    if (exercise.type === 'written') {
      const text = draft.text.trim();
      return text === ''
        ? []
        : [{ exerciseId: exercise.id, answer: { type: 'written', text, criteriaMet: draft.criteriaMet } }];
    }
    return [];
  });
}

/** Seconds as `m:ss`, never negative. */
export function formatRemaining(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * When the countdown is announced to screen readers: each whole minute and the last 30 and 10
 * seconds, not every tick (a live region that changes every second is unusable).
 */
export function shouldAnnounce(seconds: number): boolean {
  const whole = Math.max(0, Math.ceil(seconds));
  return whole === 30 || whole === 10 || (whole > 0 && whole % 60 === 0);
}

type Level = Progress['skills'][number]['level'];

/** The mastery change in words: "Familiar → Proficient", or that it stayed. */
export function describeLevelChange(before: Level | undefined, after: Level | undefined): string {
  if (after === undefined) return 'Mastery is being updated.';
  if (before === undefined || before === after) return `Mastery stays ${levelLabel(after)}.`;
  return `Mastery: ${levelLabel(before)} → ${levelLabel(after)}.`;
}
