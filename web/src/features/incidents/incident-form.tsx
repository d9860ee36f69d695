import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { toFormErrors } from '../../lib/api/problem';
import type { IncidentCreateBody } from '../../lib/api/types';
import { listTimeZones } from '../../lib/dates';
import { ChipsInput } from '../../lib/ui/chips-input';
import { CheckboxField, focusFirstInvalid, SelectField, TextAreaField, TextField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { CATEGORIES, CATEGORY_LABELS } from './categories';
import {
  EMPTY_CHIP_DRAFTS,
  INCIDENT_FIELDS,
  LIMITS,
  mergeChipDrafts,
  validateIncidentForm,
  type ChipDrafts,
  type ChipField,
  type IncidentField,
  type IncidentFieldErrors,
  type IncidentFormValues,
} from './incident-form-model';

type IncidentFormProps = {
  initialValues: IncidentFormValues;
  /** Called with a complete, valid body. */
  onSave: (body: IncidentCreateBody) => void;
  isSaving: boolean;
  /** The error of the last save, mapped onto the fields here. */
  saveError: unknown;
  submitLabel: string;
  cancelTo: string;
  /** Shown above the fields (for example a version conflict). */
  banner?: ReactNode;
};

const NAMES_HINT = 'Press Enter or type a comma after each name.';

/** The form to record or correct an incident. Every field has a label; errors show at their field. */
export function IncidentForm({
  initialValues,
  onSave,
  isSaving,
  saveError,
  submitLabel,
  cancelTo,
  banner,
}: IncidentFormProps) {
  const [values, setValues] = useState(initialValues);
  const [drafts, setDrafts] = useState<ChipDrafts>(EMPTY_CHIP_DRAFTS);
  const [localErrors, setLocalErrors] = useState<IncidentFieldErrors>({});
  const [submitCount, setSubmitCount] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const zones = useMemo(() => listTimeZones([initialValues.timeZone]), [initialValues.timeZone]);

  const serverErrors = useMemo(
    () =>
      saveError === null || saveError === undefined ? undefined : toFormErrors(saveError, INCIDENT_FIELDS),
    [saveError],
  );
  const errors: IncidentFieldErrors = { ...serverErrors?.fields, ...localErrors };

  useEffect(() => {
    if (submitCount > 0) focusFirstInvalid(formRef.current);
  }, [submitCount, serverErrors]);

  const set = <K extends keyof IncidentFormValues>(key: K, value: IncidentFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    // A corrected field stops showing its old error.
    const field: IncidentField = key === 'occurredAtLocal' ? 'occurredAt' : key;
    setLocalErrors((current) => {
      if (current[field] === undefined) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  };

  const chipProps = (field: ChipField) => ({
    value: values[field],
    onChange: (next: string[]) =>
      set(field, field === 'tags' ? next.map((tag) => tag.toLocaleLowerCase()) : next),
    draft: drafts[field],
    onDraftChange: (draft: string) => setDrafts((current) => ({ ...current, [field]: draft })),
    error: errors[field],
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const merged = mergeChipDrafts(values, drafts);
    setValues(merged);
    setDrafts(EMPTY_CHIP_DRAFTS);
    const result = validateIncidentForm(merged);
    setSubmitCount((count) => count + 1);
    if (!result.ok) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors({});
    onSave(result.body);
  };

  return (
    <form
      ref={formRef}
      className="form incident-form"
      onSubmit={onSubmit}
      noValidate
      data-testid="incident-form"
    >
      {banner}
      <FormAlert message={serverErrors?.form} />
      <fieldset className="fieldset">
        <legend>When and where</legend>
        <div className="field-row">
          <TextField
            label="Date and time"
            type="datetime-local"
            value={values.occurredAtLocal}
            onChange={(event) => set('occurredAtLocal', event.target.value)}
            error={errors.occurredAt}
            required
            data-testid="incident-occurred-at"
          />
          <SelectField
            label="Time zone"
            value={values.timeZone}
            onChange={(event) => set('timeZone', event.target.value)}
            error={errors.timeZone}
            data-testid="incident-time-zone"
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="field-row">
          <SelectField
            label="Category"
            value={values.category}
            onChange={(event) => set('category', event.target.value as IncidentFormValues['category'])}
            error={errors.category}
            required
            data-testid="incident-category"
          >
            <option value="">Choose a category</option>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {CATEGORY_LABELS[category]}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Location"
            hint="Optional. An address or a description, like “School gate”."
            value={values.location}
            maxLength={LIMITS.location}
            onChange={(event) => set('location', event.target.value)}
            error={errors.location}
            data-testid="incident-location"
          />
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Who was there</legend>
        <ChipsInput
          label="People involved"
          itemName="person"
          hint={NAMES_HINT}
          {...chipProps('peopleInvolved')}
          maxLength={LIMITS.name}
          data-testid="incident-people"
        />
        <ChipsInput
          label="Children present"
          itemName="child"
          hint={NAMES_HINT}
          {...chipProps('childrenPresent')}
          maxLength={LIMITS.name}
          data-testid="incident-children"
        />
        <ChipsInput
          label="Witnesses"
          itemName="witness"
          hint={NAMES_HINT}
          {...chipProps('witnesses')}
          maxLength={LIMITS.name}
          data-testid="incident-witnesses"
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>Details</legend>
        <TextAreaField
          label="What happened"
          hint="Stick to facts: what was said and done, in order. Quote messages exactly."
          value={values.narrative}
          rows={8}
          maxLength={LIMITS.narrative}
          onChange={(event) => set('narrative', event.target.value)}
          error={errors.narrative}
          required
          data-testid="incident-narrative"
        />
        <ChipsInput
          label="Tags"
          itemName="tag"
          hint="Short words to find this later, like “pickup”. Press Enter or a comma after each."
          {...chipProps('tags')}
          maxLength={LIMITS.tag}
          data-testid="incident-tags"
        />
        <CheckboxField
          label="Follow-up needed"
          checked={values.followUpNeeded}
          onChange={(event) => set('followUpNeeded', event.target.checked)}
          error={errors.followUpNeeded}
          data-testid="incident-follow-up"
        />
      </fieldset>

      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={isSaving}
          data-testid="incident-save"
        >
          {isSaving ? 'Saving…' : submitLabel}
        </button>
        <Link to={cancelTo} className="button button-quiet">
          Cancel
        </Link>
        <span className="visually-hidden" role="status">
          {isSaving ? 'Saving the incident…' : ''}
        </span>
      </div>
    </form>
  );
}
