import { useRef, useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../../lib/api/problem';
import { SelectField, TextAreaField, TextField, focusFirstInvalid } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { OwnFormActions } from './own-form-actions';
import {
  EXERCISE_TYPE_LABELS,
  MAX_CRITERIA,
  MAX_OPTIONS,
  toExerciseField,
  toExerciseInput,
  validateDraft,
  type ExerciseDraft,
  type ExerciseErrors,
  type ExerciseType,
} from './own-exercise-model';
import type { ExerciseInput } from './own-skills-hooks';

type Props = {
  /** Names the form for screen readers ("Add an exercise", "Edit …"). */
  legend: string;
  initial: ExerciseDraft;
  submitLabel: string;
  onSubmit: (exercise: ExerciseInput) => Promise<unknown>;
  onCancel?: () => void;
};

/** The API's field errors mapped onto this form; the rest is said for the form as a whole. */
function toErrors(error: unknown): { fields: ExerciseErrors; form?: string } {
  if (!(error instanceof ApiError)) return { fields: {}, form: describeError(error) };
  const fields: ExerciseErrors = {};
  for (const item of error.problem.errors ?? []) {
    const field = toExerciseField(item.field);
    if (field !== '') fields[field] ??= item.message;
  }
  return Object.keys(fields).length > 0 ? { fields } : { fields, form: describeError(error) };
}

/** Writes one exercise of any of the three types, checking it before it is sent. */
export function OwnExerciseForm({ legend, initial, submitLabel, onSubmit, onCancel }: Props) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<{ fields: ExerciseErrors; form?: string }>({ fields: {} });
  const [isSaving, setIsSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const update = (changes: Partial<ExerciseDraft>) => setDraft((d) => ({ ...d, ...changes }));
  const fieldError = errors.fields;

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateDraft(draft);
    if (Object.keys(found).length > 0) {
      setErrors({ fields: found });
      // After React has marked the fields invalid.
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    setIsSaving(true);
    try {
      await onSubmit(toExerciseInput(draft));
      setErrors({ fields: {} });
    } catch (error) {
      setErrors(toErrors(error));
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
    } finally {
      setIsSaving(false);
    }
  };

  const setOption = (index: number, changes: Partial<ExerciseDraft['options'][number]>) =>
    update({ options: draft.options.map((o, i) => (i === index ? { ...o, ...changes } : o)) });
  const setCriterion = (index: number, changes: Partial<ExerciseDraft['criteria'][number]>) =>
    update({ criteria: draft.criteria.map((c, i) => (i === index ? { ...c, ...changes } : c)) });

  return (
    <form ref={formRef} className="form own-exercise-form" noValidate onSubmit={(e) => void onSave(e)}>
      <fieldset className="fieldset">
        <legend>{legend}</legend>
        <SelectField
          label="Type"
          value={draft.type}
          error={fieldError.type}
          data-testid="own-exercise-type"
          onChange={(e) => update({ type: e.target.value as ExerciseType })}
        >
          {Object.entries(EXERCISE_TYPE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Title"
          value={draft.title}
          maxLength={120}
          error={fieldError.title}
          data-testid="own-exercise-title"
          onChange={(e) => update({ title: e.target.value })}
        />
        <TextAreaField
          label="What the exercise asks"
          value={draft.prompt}
          maxLength={2000}
          rows={3}
          error={fieldError.prompt}
          data-testid="own-exercise-prompt"
          onChange={(e) => update({ prompt: e.target.value })}
        />
        {draft.type === 'multiple-choice' && (
          <fieldset className="fieldset own-options">
            <legend>Options (choose the correct one)</legend>
            {draft.options.map((option, index) => (
              <div key={index} className="own-option">
                <label className="own-option-correct">
                  <input
                    type="radio"
                    name="correct"
                    checked={draft.correctIndex === index}
                    onChange={() => update({ correctIndex: index })}
                  />
                  Option {index + 1} is correct
                </label>
                <TextField
                  label={`Option ${index + 1}`}
                  value={option.text}
                  maxLength={600}
                  // A problem with the options is said at the first one, where focus goes.
                  error={index === 0 ? fieldError.options : undefined}
                  data-testid={`own-option-${index}`}
                  onChange={(e) => setOption(index, { text: e.target.value })}
                />
                <TextField
                  label={`Why option ${index + 1} is right or wrong`}
                  value={option.explanation}
                  maxLength={600}
                  data-testid={`own-option-${index}-explanation`}
                  onChange={(e) => setOption(index, { explanation: e.target.value })}
                />
                {draft.options.length > 2 && (
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() =>
                      update({
                        options: draft.options.filter((_, i) => i !== index),
                        correctIndex:
                          draft.correctIndex >= index && draft.correctIndex > 0
                            ? draft.correctIndex - 1
                            : draft.correctIndex,
                      })
                    }
                  >
                    Remove option {index + 1}
                  </button>
                )}
              </div>
            ))}
            {draft.options.length < MAX_OPTIONS && (
              <button
                type="button"
                className="button button-quiet"
                onClick={() => update({ options: [...draft.options, { text: '', explanation: '' }] })}
              >
                Add an option
              </button>
            )}
          </fieldset>
        )}
        {draft.type === 'written' && (
          <>
            <fieldset className="fieldset own-options">
              <legend>Rubric (what a good answer does)</legend>
              {draft.criteria.map((criterion, index) => (
                <div key={index} className="own-option">
                  <TextField
                    label={`Criterion ${index + 1}`}
                    value={criterion.text}
                    maxLength={300}
                    error={index === 0 ? fieldError.rubric : undefined}
                    data-testid={`own-criterion-${index}`}
                    onChange={(e) => setCriterion(index, { text: e.target.value })}
                  />
                  <TextField
                    label={`Points for criterion ${index + 1}`}
                    type="number"
                    min={1}
                    max={10}
                    value={criterion.points}
                    onChange={(e) =>
                      setCriterion(index, { points: Math.min(10, Math.max(1, Number(e.target.value) || 1)) })
                    }
                  />
                </div>
              ))}
              {draft.criteria.length < MAX_CRITERIA && (
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => update({ criteria: [...draft.criteria, { text: '', points: 1 }] })}
                >
                  Add a criterion
                </button>
              )}
            </fieldset>
            <TextAreaField
              label="Model answer"
              value={draft.modelAnswer}
              maxLength={2000}
              rows={3}
              error={fieldError.modelAnswer}
              data-testid="own-exercise-model-answer"
              onChange={(e) => update({ modelAnswer: e.target.value })}
            />
          </>
        )}
        {draft.type === 'drill' && (
          <>
            <TextAreaField
              label="Steps"
              hint="One step a line, at most ten."
              value={draft.steps}
              rows={4}
              error={fieldError.steps}
              data-testid="own-exercise-steps"
              onChange={(e) => update({ steps: e.target.value })}
            />
            <TextField
              label="Tip"
              value={draft.tip}
              maxLength={400}
              error={fieldError.tip}
              data-testid="own-exercise-tip"
              onChange={(e) => update({ tip: e.target.value })}
            />
          </>
        )}
        <FormAlert message={errors.form} />
        <OwnFormActions
          label={submitLabel}
          isSaving={isSaving}
          testId="own-exercise-save"
          onCancel={onCancel}
        />
      </fieldset>
    </form>
  );
}
