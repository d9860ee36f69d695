import { useState } from 'react';
import { SelectField, TextAreaField, TextField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { useProblemForm } from '../../lib/ui/use-problem-form';
import type { ActivityBody } from './activity-hooks';
import { SuggestionHint } from './suggestion-hint';
import type { CertificateExtraction } from './extraction-hooks';

const FIELDS = [
  'title',
  'provider',
  'completedOn',
  'hours',
  'format',
  'topics',
  'certificateNumber',
  'notes',
] as const;
const FORMATS: { value: ActivityBody['format']; label: string }[] = [
  { value: 'live-in-person', label: 'Live, in person' },
  { value: 'live-online', label: 'Live, online' },
  { value: 'self-study', label: 'Self-study / on demand' },
];
/** Topic rows offered at once; more topics than this on one course are rare. */
const TOPIC_ROWS = 3;

type Props = {
  /** Topic names the rules of the workspace's licenses use, offered as suggestions. */
  topicSuggestions: readonly string[];
  isPending: boolean;
  onSubmit: (body: ActivityBody) => Promise<unknown>;
  /** Suggestions read from a certificate: they fill the fields, each flag shown at its field. */
  suggestion?: CertificateExtraction | undefined;
};

function textOf(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/** The request body from the form's fields; topic rows left empty are dropped. */
function readActivity(data: FormData, suggestion: CertificateExtraction | undefined): ActivityBody {
  const topics = Array.from({ length: TOPIC_ROWS }, (_, index) => ({
    topic: textOf(data, `topic-${index}`).trim(),
    hours: Number(textOf(data, `topic-hours-${index}`)),
  })).filter((row) => row.topic !== '');
  return {
    title: textOf(data, 'title'),
    provider: textOf(data, 'provider'),
    completedOn: textOf(data, 'completedOn'),
    hours: Number(textOf(data, 'hours')),
    format: textOf(data, 'format') as ActivityBody['format'],
    topics,
    ...(textOf(data, 'certificateNumber').trim() === ''
      ? {}
      : { certificateNumber: textOf(data, 'certificateNumber') }),
    notes: textOf(data, 'notes'),
    // The person saved fields filled from this prompt's suggestions: kept with the activity.
    ...(suggestion === undefined ? {} : { extractedWith: { promptVersion: suggestion.promptVersion } }),
  };
}

/** A field's starting value: the suggestion when there is one, else empty. */
function initial(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Logging a CE activity: its hours, format and the hours on each topic a rule names. */
export function ActivityForm({ topicSuggestions, isPending, onSubmit, suggestion }: Props) {
  const [saved, setSaved] = useState('');
  const fields = suggestion?.fields;
  const topics = fields?.topics.value ?? [];
  const {
    ref,
    errors,
    onSubmit: onFormSubmit,
  } = useProblemForm(FIELDS, {
    send: (data) => onSubmit(readActivity(data, suggestion)),
    onSaved: (form) => {
      setSaved('The activity was logged.');
      form.reset();
    },
    onFailed: () => setSaved(''),
  });

  return (
    <form ref={ref} className="form" onSubmit={onFormSubmit} noValidate data-testid="activity-form">
      <FormAlert message={errors.form} />
      <p className="status-line" role="status">
        {saved}
      </p>
      <TextField
        label="Title"
        name="title"
        required
        maxLength={300}
        defaultValue={initial(fields?.title.value)}
        hint={fields && <SuggestionHint field={fields.title} name="title" />}
        error={errors.fields.title}
      />
      <TextField
        label="Provider"
        name="provider"
        maxLength={200}
        defaultValue={initial(fields?.provider.value)}
        hint={fields && <SuggestionHint field={fields.provider} name="provider" />}
        error={errors.fields.provider}
      />
      <TextField
        label="Completed on"
        name="completedOn"
        type="date"
        required
        defaultValue={initial(fields?.completedOn.value)}
        hint={fields && <SuggestionHint field={fields.completedOn} name="completedOn" />}
        error={errors.fields.completedOn}
      />
      <TextField
        label="Hours"
        name="hours"
        type="number"
        required
        min={0.25}
        max={200}
        step={0.25}
        defaultValue={initial(fields?.hours.value)}
        hint={
          <>
            In quarter hours, as on the certificate.
            {fields && <SuggestionHint field={fields.hours} name="hours" />}
          </>
        }
        error={errors.fields.hours}
      />
      <SelectField
        label="Format"
        name="format"
        defaultValue={fields?.format.value ?? 'live-in-person'}
        hint={fields && <SuggestionHint field={fields.format} name="format" />}
        error={errors.fields.format}
      >
        {FORMATS.map((format) => (
          <option key={format.value} value={format.value}>
            {format.label}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Certificate number (optional)"
        name="certificateNumber"
        maxLength={100}
        defaultValue={initial(fields?.certificateNumber.value)}
        hint={fields && <SuggestionHint field={fields.certificateNumber} name="certificateNumber" />}
        error={errors.fields.certificateNumber}
      />
      <fieldset className="fieldset">
        <legend>Hours per topic (optional)</legend>
        <p className="field-hint">
          Name the topic as your board’s rule does, so it counts toward that requirement.
        </p>
        {fields && <SuggestionHint field={fields.topics} name="topics" />}
        <datalist id="ce-topic-suggestions">
          {topicSuggestions.map((topic) => (
            <option key={topic} value={topic} />
          ))}
        </datalist>
        {Array.from({ length: TOPIC_ROWS }, (_, index) => (
          <div className="form-row" key={index}>
            <TextField
              label={`Topic ${index + 1}`}
              name={`topic-${index}`}
              list="ce-topic-suggestions"
              maxLength={200}
              defaultValue={topics[index]?.topic ?? ''}
            />
            <TextField
              label={`Hours of topic ${index + 1}`}
              name={`topic-hours-${index}`}
              type="number"
              min={0.25}
              max={200}
              step={0.25}
              defaultValue={initial(topics[index]?.hours)}
            />
          </div>
        ))}
        {errors.fields.topics !== undefined && (
          <p className="field-error" role="alert">
            {errors.fields.topics}
          </p>
        )}
      </fieldset>
      <TextAreaField
        label="Notes"
        name="notes"
        maxLength={2000}
        rows={3}
        hint="About the course only. Do not write client health information here: no client names, diagnoses or session details."
        data-testid="activity-notes"
        error={errors.fields.notes}
      />
      <button type="submit" className="button button-primary" disabled={isPending}>
        {isPending ? 'Saving…' : 'Log activity'}
      </button>
    </form>
  );
}
