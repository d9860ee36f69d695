import { useId } from 'react';
import type { AssessmentExercise } from './assessment-hooks';
import type { QuestionDraft } from './assessment-model';

type Props = {
  exercise: AssessmentExercise;
  number: number;
  draft: QuestionDraft;
  onChange: (draft: QuestionDraft) => void;
};

/**
 * One question of an assessment, in native controls (a radio group in a fieldset, a labelled
 * text area with rubric checkboxes) so it is answered with the keyboard alone. No self-rating:
 * an assessment is scored, not rated.
 */
export function AssessmentQuestion({ exercise, number, draft, onChange }: Props) {
  const headingId = useId();
  return (
    <section className="practice-card" aria-labelledby={headingId} data-testid="assessment-question">
      <h3 id={headingId}>
        {number}. {exercise.title}
      </h3>
      <p className="practice-prompt">{exercise.prompt}</p>
      {exercise.type === 'multiple-choice' && (
        <fieldset className="fieldset">
          <legend>Your answer to question {number}</legend>
          {(exercise.options ?? []).map((option) => (
            <label key={option.id} className="practice-option">
              <input
                type="radio"
                name={`question-${exercise.id}`}
                value={option.id}
                checked={draft.optionId === option.id}
                onChange={() => onChange({ ...draft, optionId: option.id })}
                data-testid={`assessment-option-${option.id}`}
              />
              {option.text}
            </label>
          ))}
        </fieldset>
      )}
      {exercise.type === 'written' && (
        <>
          <label className="field">
            <span className="field-label">Your answer to question {number}</span>
            <textarea
              value={draft.text}
              maxLength={5000}
              rows={5}
              onChange={(event) => onChange({ ...draft, text: event.target.value })}
              data-testid="assessment-written"
            />
          </label>
          <fieldset className="fieldset">
            <legend>Score yourself: tick each point your answer meets</legend>
            {(exercise.rubric ?? []).map((criterion) => (
              <label key={criterion.id} className="practice-option">
                <input
                  type="checkbox"
                  checked={draft.criteriaMet.includes(criterion.id)}
                  onChange={(event) =>
                    onChange({
                      ...draft,
                      criteriaMet: event.target.checked
                        ? [...draft.criteriaMet, criterion.id]
                        : draft.criteriaMet.filter((id) => id !== criterion.id),
                    })
                  }
                />
                {criterion.text} ({criterion.points} {criterion.points === 1 ? 'point' : 'points'})
              </label>
            ))}
          </fieldset>
        </>
      )}
    </section>
  );
}
