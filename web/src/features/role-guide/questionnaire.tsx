import { useState, type FormEvent } from 'react';
import { CheckboxField, FieldErrorText, TextAreaField } from '../../lib/ui/field';
import type { CourtStage, Goal, RoleGuideAnswers, Situation } from './hooks';
import { COURT_STAGE_LABELS, COURT_STAGES, GOAL_LABELS, GOALS, SITUATION_LABELS, SITUATIONS } from './labels';

type QuestionnaireProps = {
  isPending: boolean;
  /** Whether this server has an AI provider; the AI paragraph cannot be asked for without one. */
  isAiConfigured: boolean;
  onSubmit: (answers: RoleGuideAnswers) => void;
};

/** Adds or removes one value of a multiple choice, keeping the page's order. */
function toggle<T extends string>(all: readonly T[], chosen: readonly T[], value: T, isOn: boolean): T[] {
  return all.filter((item) => (item === value ? isOn : chosen.includes(item)));
}

/**
 * The questionnaire: three questions as fieldsets with legends (checkboxes and radio buttons a
 * keyboard reaches in order), a short optional note, and the choice of an AI paragraph.
 */
export function Questionnaire({ isPending, isAiConfigured, onSubmit }: QuestionnaireProps) {
  const [situations, setSituations] = useState<Situation[]>([]);
  const [courtCase, setCourtCase] = useState<CourtStage>('none');
  const [goals, setGoals] = useState<Goal[]>([]);
  const [note, setNote] = useState('');
  const [withAi, setWithAi] = useState(false);
  const [goalsError, setGoalsError] = useState<string>();

  const onFormSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (goals.length === 0) {
      setGoalsError('Choose at least one thing you want.');
      event.currentTarget.querySelector<HTMLInputElement>('input[name="goal"]')?.focus();
      return;
    }
    setGoalsError(undefined);
    // The note is read only by the AI paragraph, so it is sent only with it.
    const isAiAsked = withAi && isAiConfigured;
    const trimmed = note.trim();
    onSubmit({
      situations,
      courtCase,
      goals,
      ...(isAiAsked && trimmed !== '' ? { note: trimmed } : {}),
      withAi: isAiAsked,
    });
  };

  return (
    <form className="form role-guide-form" onSubmit={onFormSubmit} noValidate data-testid="role-guide-form">
      <fieldset className="fieldset">
        <legend>What is happening?</legend>
        <p className="field-hint">Tick any that apply, or none.</p>
        {SITUATIONS.map((situation) => (
          <div key={situation} className="checkbox-row">
            <input
              id={`situation-${situation}`}
              name="situation"
              type="checkbox"
              checked={situations.includes(situation)}
              onChange={(event) =>
                setSituations(toggle(SITUATIONS, situations, situation, event.target.checked))
              }
            />
            <label htmlFor={`situation-${situation}`}>{SITUATION_LABELS[situation]}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>Is there a court case?</legend>
        {COURT_STAGES.map((stage) => (
          <div key={stage} className="checkbox-row">
            <input
              id={`court-${stage}`}
              name="courtCase"
              type="radio"
              checked={courtCase === stage}
              onChange={() => setCourtCase(stage)}
            />
            <label htmlFor={`court-${stage}`}>{COURT_STAGE_LABELS[stage]}</label>
          </div>
        ))}
      </fieldset>
      <fieldset
        className="fieldset"
        aria-describedby={goalsError === undefined ? 'goals-hint' : 'goals-hint goals-error'}
      >
        <legend>What do you want?</legend>
        <p className="field-hint" id="goals-hint">
          Choose at least one.
        </p>
        {GOALS.map((goal) => (
          <div key={goal} className="checkbox-row">
            <input
              id={`goal-${goal}`}
              name="goal"
              type="checkbox"
              checked={goals.includes(goal)}
              aria-invalid={goalsError !== undefined ? true : undefined}
              onChange={(event) => setGoals(toggle(GOALS, goals, goal, event.target.checked))}
            />
            <label htmlFor={`goal-${goal}`}>{GOAL_LABELS[goal]}</label>
          </div>
        ))}
        <FieldErrorText id="goals" error={goalsError} />
      </fieldset>
      <CheckboxField
        label="Also write a short “why for you” paragraph with AI"
        hint={
          isAiConfigured
            ? 'Only your answers on this page are sent to the AI provider; nothing is saved. It uses one of the month’s AI actions.'
            : 'AI is not configured on this server: the guide works without it.'
        }
        checked={withAi && isAiConfigured}
        disabled={!isAiConfigured}
        onChange={(event) => setWithAi(event.target.checked)}
        data-testid="role-guide-with-ai"
      />
      {withAi && isAiConfigured && (
        <TextAreaField
          label="Anything else, in a sentence or two (optional)"
          hint="Only the AI paragraph reads this. Leave out names and places."
          value={note}
          maxLength={300}
          rows={2}
          onChange={(event) => setNote(event.target.value)}
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={isPending}>
          {isPending ? 'Finding professionals…' : 'Show who could help'}
        </button>
      </div>
    </form>
  );
}
