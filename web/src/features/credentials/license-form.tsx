import { SelectField, TextAreaField, TextField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { useProblemForm } from '../../lib/ui/use-problem-form';
import type { License, LicenseBody } from './license-hooks';

const FIELDS = [
  'jurisdiction',
  'credentialType',
  'number',
  'issuedOn',
  'expiresOn',
  'firstLicensedOn',
  'supervisorStatus',
  'status',
  'notes',
] as const;
type Field = (typeof FIELDS)[number];

const CREDENTIAL_TYPES: LicenseBody['credentialType'][] = [
  'LMFT',
  'LCSW',
  'LPC',
  'Psychologist',
  'RN',
  'Other',
];
const SUPERVISOR: { value: NonNullable<LicenseBody['supervisorStatus']>; label: string }[] = [
  { value: 'none', label: 'Neither' },
  { value: 'supervised', label: 'Supervised (associate, intern)' },
  { value: 'supervisor', label: 'Supervisor' },
];
const STATUSES: NonNullable<LicenseBody['status']>[] = ['active', 'inactive', 'expired'];

type Props = {
  initial?: License;
  submitLabel: string;
  isPending: boolean;
  onSubmit: (body: LicenseBody) => Promise<unknown>;
  onDone?: () => void;
};

/** The request body from the form's fields (dates left empty are unknown: null). */
function readLicense(data: FormData): LicenseBody {
  const text = (name: Field) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : '';
  };
  const date = (name: Field) => (text(name) === '' ? null : text(name));
  return {
    jurisdiction: text('jurisdiction').trim().toUpperCase() as LicenseBody['jurisdiction'],
    credentialType: text('credentialType') as LicenseBody['credentialType'],
    number: text('number'),
    issuedOn: date('issuedOn'),
    expiresOn: date('expiresOn'),
    firstLicensedOn: date('firstLicensedOn'),
    supervisorStatus: text('supervisorStatus') as NonNullable<LicenseBody['supervisorStatus']>,
    status: text('status') as NonNullable<LicenseBody['status']>,
    notes: text('notes'),
  };
}

/** Adding or correcting a license: every field labelled, errors shown at the field they belong to. */
export function LicenseForm({ initial, submitLabel, isPending, onSubmit, onDone }: Props) {
  const {
    ref,
    errors,
    onSubmit: onFormSubmit,
  } = useProblemForm(FIELDS, {
    send: (data) => onSubmit(readLicense(data)),
    onSaved: (form) => {
      if (initial === undefined) form.reset();
      onDone?.();
    },
  });

  return (
    <form ref={ref} className="form" onSubmit={onFormSubmit} noValidate data-testid="license-form">
      <FormAlert message={errors.form} />
      <TextField
        label="Jurisdiction"
        name="jurisdiction"
        hint="Two-letter state code, e.g. CA"
        required
        maxLength={2}
        defaultValue={initial?.jurisdiction ?? ''}
        error={errors.fields.jurisdiction}
      />
      <SelectField
        label="Credential type"
        name="credentialType"
        defaultValue={initial?.credentialType ?? 'LMFT'}
        error={errors.fields.credentialType}
      >
        {CREDENTIAL_TYPES.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </SelectField>
      <TextField
        label="License number"
        name="number"
        required
        maxLength={60}
        defaultValue={initial?.number ?? ''}
        error={errors.fields.number}
      />
      <TextField
        label="Issued"
        name="issuedOn"
        type="date"
        defaultValue={initial?.issuedOn ?? ''}
        error={errors.fields.issuedOn}
      />
      <TextField
        label="Expires"
        name="expiresOn"
        type="date"
        hint="The renewal cycle ends on this date."
        defaultValue={initial?.expiresOn ?? ''}
        error={errors.fields.expiresOn}
      />
      <TextField
        label="First licensed"
        name="firstLicensedOn"
        type="date"
        defaultValue={initial?.firstLicensedOn ?? ''}
        error={errors.fields.firstLicensedOn}
      />
      <SelectField
        label="Supervisor status"
        name="supervisorStatus"
        defaultValue={initial?.supervisorStatus ?? 'none'}
        error={errors.fields.supervisorStatus}
      >
        {SUPERVISOR.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Status"
        name="status"
        defaultValue={initial?.status ?? 'active'}
        error={errors.fields.status}
      >
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {status}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Notes"
        name="notes"
        maxLength={4000}
        rows={3}
        hint="About the license only: never client health information."
        defaultValue={initial?.notes ?? ''}
        error={errors.fields.notes}
      />
      <button type="submit" className="button button-primary" disabled={isPending}>
        {isPending ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
