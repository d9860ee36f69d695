import { useId, useState, type FormEvent } from 'react';
import { toFormErrors } from '../../lib/api/problem';
import { SelectField, TextAreaField, TextField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import {
  COMMON_SYMPTOMS,
  toFormValues,
  toggleListItem,
  type FieldSpec,
  type FormValues,
} from './record-fields';

type RecordFormProps = {
  fields: readonly FieldSpec[];
  record?: Record<string, unknown>;
  submitLabel: string;
  /** Prefix of the form's test ids, e.g. `checkin` gives `checkin-mood` and `checkin-save`. */
  testPrefix: string;
  isPending: boolean;
  error: unknown;
  /** The form's values as typed; the record kind's client turns them into its request body. */
  onSubmit: (values: FormValues) => void;
  onCancel?: () => void;
};

/** The create and edit form of a wellbeing record, built from its field list. */
export function RecordForm({
  fields,
  record,
  submitLabel,
  testPrefix,
  isPending,
  error,
  onSubmit,
  onCancel,
}: RecordFormProps) {
  const [values, setValues] = useState<FormValues>(() => toFormValues(fields, record));
  const errors =
    error === null || error === undefined
      ? { fields: {} as Partial<Record<string, string>> }
      : toFormErrors(
          error,
          fields.map((f) => f.name),
        );
  const set = (name: string, value: string) => setValues((current) => ({ ...current, [name]: value }));
  const onFormSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(values);
  };
  return (
    <form className="form" onSubmit={onFormSubmit} noValidate>
      {fields.map((field) => (
        <FieldInput
          key={field.name}
          field={field}
          value={values[field.name] ?? ''}
          error={errors.fields[field.name]}
          testId={`${testPrefix}-${field.name}`}
          onChange={(value) => set(field.name, value)}
        />
      ))}
      <FormAlert message={errors.form} />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={isPending}
          data-testid={`${testPrefix}-save`}
        >
          {isPending ? 'Saving…' : submitLabel}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

type FieldInputProps = {
  field: FieldSpec;
  value: string;
  error: string | undefined;
  testId: string;
  onChange: (value: string) => void;
};

function FieldInput({ field, value, error, testId, onChange }: FieldInputProps) {
  const groupId = useId();
  const common = {
    label: field.label,
    error,
    required: field.isRequired === true,
    'data-testid': testId,
    ...(field.hint === undefined ? {} : { hint: field.hint }),
  };
  switch (field.kind) {
    case 'textarea':
      return <TextAreaField {...common} rows={4} value={value} onChange={(e) => onChange(e.target.value)} />;
    case 'select':
      return (
        <SelectField {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </SelectField>
      );
    case 'symptoms':
      return (
        <fieldset className="field" aria-describedby={`${groupId}-hint`}>
          <legend>{field.label}</legend>
          <p className="field-hint" id={`${groupId}-hint`}>
            {field.hint}
          </p>
          <div className="checkbox-grid">
            {COMMON_SYMPTOMS.map((symptom) => (
              <label key={symptom} className="checkbox-inline">
                <input
                  type="checkbox"
                  checked={value.split(',').some((item) => item.trim() === symptom)}
                  onChange={() => onChange(toggleListItem(value, symptom))}
                />
                {symptom}
              </label>
            ))}
          </div>
          <TextField
            label="All symptoms"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            data-testid={testId}
          />
        </fieldset>
      );
    default: {
      const type =
        field.kind === 'datetime'
          ? 'datetime-local'
          : field.kind === 'date'
            ? 'date'
            : field.kind === 'score' || field.kind === 'number'
              ? 'number'
              : 'text';
      const range =
        field.kind === 'score'
          ? { min: 1, max: 10, step: 1 }
          : field.kind === 'number'
            ? { min: 0, max: 24, step: 0.5 }
            : {};
      return (
        <TextField
          {...common}
          type={type}
          {...range}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    }
  }
}
