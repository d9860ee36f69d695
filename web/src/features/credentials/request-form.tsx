import { useState } from 'react';
import { SelectField, TextAreaField, TextField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { useProblemForm } from '../../lib/ui/use-problem-form';
import type { CredentialRequestBody } from './organisation-hooks';
import { MAX_REQUIREMENTS, RequirementRows } from './requirement-rows';

const FIELDS = ['email', 'personName', 'message', 'licenses', 'documents'] as const;
type LicenseWanted = CredentialRequestBody['licenses'][number];

const CREDENTIAL_TYPES: LicenseWanted['credentialType'][] = [
  'LMFT',
  'LCSW',
  'LPC',
  'Psychologist',
  'RN',
  'Other',
];

type Props = { isPending: boolean; onSubmit: (body: CredentialRequestBody) => Promise<unknown> };

/** The request body from the form: rows in the order they show, rows left blank not sent. */
function readRequest(data: FormData): CredentialRequestBody {
  const all = (name: string) => data.getAll(name).map((value) => (typeof value === 'string' ? value : ''));
  const text = (name: string) => all(name)[0] ?? '';
  const types = all('credentialType');
  return {
    email: text('email').trim(),
    personName: text('personName'),
    message: text('message'),
    licenses: all('jurisdiction').flatMap((jurisdiction, index) =>
      jurisdiction.trim() === ''
        ? []
        : [
            {
              jurisdiction: jurisdiction.trim().toUpperCase() as LicenseWanted['jurisdiction'],
              credentialType: (types[index] ?? 'Other') as LicenseWanted['credentialType'],
            },
          ],
    ),
    documents: all('documentLabel').flatMap((label) => (label.trim() === '' ? [] : [{ label }])),
  };
}

/** Asking a person, by email, for named licenses and documents. */
export function RequestForm({ isPending, onSubmit }: Props) {
  // Bumped after a request is sent, so the requirement rows start again from one empty row each.
  const [generation, setGeneration] = useState(0);
  const {
    ref,
    errors,
    onSubmit: onFormSubmit,
  } = useProblemForm(FIELDS, {
    send: (data) => onSubmit(readRequest(data)),
    onSaved: (form) => {
      form.reset();
      setGeneration((value) => value + 1);
    },
  });

  return (
    <form ref={ref} className="form" onSubmit={onFormSubmit} noValidate data-testid="request-form">
      <FormAlert message={errors.form} />
      <TextField
        label="Their email"
        name="email"
        type="email"
        hint="They answer signed in with this address."
        required
        maxLength={254}
        error={errors.fields.email}
      />
      <TextField
        label="Their name"
        name="personName"
        required
        maxLength={120}
        error={errors.fields.personName}
      />
      <TextAreaField
        label="Message (optional)"
        name="message"
        maxLength={1000}
        rows={2}
        error={errors.fields.message}
      />
      <RequirementRows
        key={`licenses-${generation}`}
        legend="Licenses required"
        hint={`Up to ${MAX_REQUIREMENTS}. Name at least one license or one document; rows left blank are not sent.`}
        noun="license"
        error={errors.fields.licenses}
        renderRow={(index) => (
          <>
            <TextField
              label={`Jurisdiction of license ${index + 1}`}
              name="jurisdiction"
              hint="Two-letter state code, e.g. CA"
              maxLength={2}
            />
            <SelectField
              label={`Credential type of license ${index + 1}`}
              name="credentialType"
              defaultValue="LMFT"
            >
              {CREDENTIAL_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </SelectField>
          </>
        )}
      />
      <RequirementRows
        key={`documents-${generation}`}
        legend="Documents required"
        hint={`Up to ${MAX_REQUIREMENTS}, e.g. “Malpractice insurance”.`}
        noun="document"
        error={errors.fields.documents}
        renderRow={(index) => (
          <TextField label={`Document ${index + 1}`} name="documentLabel" maxLength={120} />
        )}
      />
      <button type="submit" className="button button-primary" disabled={isPending}>
        {isPending ? 'Sending…' : 'Send request'}
      </button>
    </form>
  );
}
