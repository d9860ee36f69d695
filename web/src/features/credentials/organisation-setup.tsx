import { SelectField, TextField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { useProblemForm } from '../../lib/ui/use-problem-form';
import type { Organisation, OrganisationBody } from './organisation-hooks';

const FIELDS = ['kind', 'name'] as const;

export const ORGANISATION_KIND_LABELS: Record<OrganisationBody['kind'], string> = {
  clinic: 'Clinic',
  agency: 'Agency',
  hospital: 'Hospital',
  'practice-group': 'Practice group',
  other: 'Other organisation',
};
const KINDS = Object.keys(ORGANISATION_KIND_LABELS) as OrganisationBody['kind'][];

type Props = {
  current: Organisation | null;
  isPending: boolean;
  onSubmit: (body: OrganisationBody) => Promise<unknown>;
};

/** Making the workspace an organisation (or renaming it): its kind and the name people see. */
export function OrganisationSetup({ current, isPending, onSubmit }: Props) {
  const {
    ref,
    errors,
    onSubmit: onFormSubmit,
  } = useProblemForm(FIELDS, {
    send: (data) => {
      const text = (name: string) => {
        const value = data.get(name);
        return typeof value === 'string' ? value : '';
      };
      return onSubmit({ kind: text('kind') as OrganisationBody['kind'], name: text('name') });
    },
  });
  return (
    <form ref={ref} className="form" onSubmit={onFormSubmit} noValidate data-testid="organisation-form">
      <FormAlert message={errors.form} />
      <SelectField
        label="Kind of organisation"
        name="kind"
        defaultValue={current?.kind ?? 'clinic'}
        error={errors.fields.kind}
      >
        {KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {ORGANISATION_KIND_LABELS[kind]}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Organisation name"
        name="name"
        hint="People see it on your requests."
        required
        maxLength={120}
        defaultValue={current?.name ?? ''}
        error={errors.fields.name}
      />
      <button type="submit" className="button button-primary" disabled={isPending}>
        {current === null ? 'Make this workspace an organisation' : 'Save'}
      </button>
    </form>
  );
}
