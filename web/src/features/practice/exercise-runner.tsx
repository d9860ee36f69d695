import { useId, useRef, useState, type FormEvent } from 'react';
import { describeError } from '../../lib/api/problem';
import { formatDateTime } from '../../lib/dates';
import { FormAlert, Notice } from '../../lib/ui/status';
import { buildAnswer, describeScore, EMPTY_DRAFT, RATINGS, type Draft } from './answer-model';
import { useFinishAttempt, type Exercise, type Finished } from './hooks';
import { WrittenFeedbackPanel } from './written-feedback';

type Props = { workspaceId: string; attemptId: string; exercise: Exercise; onNext: () => void };

/**
 * One exercise, answered with native form controls (radio groups in fieldsets, a labelled text
 * area, checkboxes), so it works with the keyboard alone; then the feedback and the next review.
 */
export function ExerciseRunner({ workspaceId, attemptId, exercise, onNext }: Props) {
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [missing, setMissing] = useState<string>();
  const finish = useFinishAttempt(workspaceId);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const built = buildAnswer(exercise, draft);
    if ('missing' in built) {
      setMissing(built.missing);
      formRef.current?.querySelector<HTMLInputElement>(`[data-field="${built.field}"]`)?.focus();
      return;
    }
    setMissing(undefined);
    finish.mutate({ attemptId, body: built });
  };

  if (finish.data !== undefined) return <Feedback exercise={exercise} result={finish.data} onNext={onNext} />;

  return (
    <section
      className="section practice-exercise"
      aria-labelledby={headingId}
      data-testid="practice-exercise"
    >
      <h2 id={headingId}>{exercise.title}</h2>
      <p className="practice-prompt">{exercise.prompt}</p>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        {exercise.type === 'multiple-choice' && (
          <fieldset className="fieldset">
            <legend>Your answer</legend>
            {(exercise.options ?? []).map((option, index) => (
              <label key={option.id} className="practice-option">
                <input
                  type="radio"
                  name="option"
                  value={option.id}
                  checked={draft.optionId === option.id}
                  onChange={() => setDraft({ ...draft, optionId: option.id })}
                  data-field={index === 0 ? 'answer' : undefined}
                  data-testid={`practice-option-${option.id}`}
                />
                {option.text}
              </label>
            ))}
          </fieldset>
        )}
        {exercise.type === 'written' && (
          <>
            <label className="field">
              <span className="field-label">Your answer</span>
              <textarea
                value={draft.text}
                maxLength={5000}
                rows={6}
                onChange={(event) => setDraft({ ...draft, text: event.target.value })}
                data-field="answer"
                data-testid="practice-written"
              />
            </label>
            <WrittenFeedbackPanel workspaceId={workspaceId} attemptId={attemptId} text={draft.text} />
            <fieldset className="fieldset">
              <legend>Score yourself: tick each point your answer meets</legend>
              {(exercise.rubric ?? []).map((criterion) => (
                <label key={criterion.id} className="practice-option">
                  <input
                    type="checkbox"
                    checked={draft.criteriaMet.includes(criterion.id)}
                    onChange={(event) =>
                      setDraft({
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
        {exercise.type === 'drill' && (
          <>
            <ol className="practice-steps">
              {(exercise.steps ?? []).map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
            {exercise.tip !== undefined && <Notice title="Tip">{exercise.tip}</Notice>}
          </>
        )}
        <fieldset className="fieldset">
          <legend>How did it go?</legend>
          {RATINGS.map((rating, index) => (
            <label key={rating.value} className="practice-option">
              <input
                type="radio"
                name="rating"
                value={rating.value}
                checked={draft.selfRating === rating.value}
                onChange={() => setDraft({ ...draft, selfRating: rating.value })}
                data-field={index === 0 ? 'rating' : undefined}
                data-testid={`practice-rating-${rating.value}`}
              />
              <strong>{rating.label}</strong>: {rating.hint}
            </label>
          ))}
        </fieldset>
        <FormAlert message={missing ?? (finish.isError ? describeError(finish.error) : undefined)} />
        <button
          type="submit"
          className="button button-primary"
          disabled={finish.isPending}
          data-testid="practice-submit"
        >
          {finish.isPending ? 'Saving…' : 'Check my answer'}
        </button>
      </form>
    </section>
  );
}

function Feedback({
  exercise,
  result,
  onNext,
}: {
  exercise: Exercise;
  result: Finished;
  onNext: () => void;
}) {
  const headingId = useId();
  const textOf = (id: string) => exercise.options?.find((option) => option.id === id)?.text ?? id;
  return (
    <section
      className="section practice-exercise"
      aria-labelledby={headingId}
      data-testid="practice-feedback"
    >
      <h2 id={headingId} tabIndex={-1} ref={(node) => node?.focus()}>
        {exercise.title}: {describeScore(result.attempt.score)}
      </h2>
      {result.feedback.options !== undefined && (
        <ul className="practice-explanations">
          {result.feedback.options.map((option) => (
            <li key={option.id}>
              <strong>{option.isCorrect ? 'Correct' : 'Not the best'}:</strong> {textOf(option.id)}
              <br />
              {option.explanation}
            </li>
          ))}
        </ul>
      )}
      {result.feedback.modelAnswer !== undefined && (
        <Notice title="A model answer">
          <p>{result.feedback.modelAnswer}</p>
        </Notice>
      )}
      <p className="muted" data-testid="practice-next-due">
        Next review of this exercise: {formatDateTime(result.nextDue)}.
      </p>
      <button type="button" className="button button-primary" onClick={onNext} data-testid="practice-next">
        Next exercise
      </button>
    </section>
  );
}
