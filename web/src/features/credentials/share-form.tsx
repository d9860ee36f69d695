import { useId } from 'react';
import { TextField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { useProblemForm } from '../../lib/ui/use-problem-form';
import { useDocumentList } from '../documents/hooks';
import { useActivities } from './activity-hooks';
import { useLicenses } from './license-hooks';
import type { ShareBody } from './share-hooks';

const FIELDS = ['label', 'holderName', 'licenseIds', 'activityIds', 'documentIds', 'expiresInDays'] as const;
type Field = (typeof FIELDS)[number];
type Pick = { id: string; label: string };

type Props = { workspaceId: string; isPending: boolean; onSubmit: (body: ShareBody) => Promise<unknown> };

/** One group of checkboxes: the records of a kind the holder may put on the link. */
function PickGroup({
  legend,
  name,
  items,
  error,
}: {
  legend: string;
  name: Field;
  items: Pick[];
  error?: string;
}) {
  const errorId = useId();
  return (
    <fieldset className="field" aria-describedby={error === undefined ? undefined : errorId}>
      <legend>{legend}</legend>
      {items.length === 0 && <p className="muted small">None to choose from.</p>}
      {items.map((item) => (
        <label key={item.id} className="checkbox-row">
          <input type="checkbox" name={name} value={item.id} /> {item.label}
        </label>
      ))}
      {error !== undefined && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The request body from the form: the label, the name shown, the records ticked and the days. */
function readShare(data: FormData): ShareBody {
  const text = (name: Field) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : '';
  };
  const ids = (name: Field) =>
    data.getAll(name).filter((value): value is string => typeof value === 'string');
  return {
    label: text('label'),
    holderName: text('holderName'),
    licenseIds: ids('licenseIds'),
    activityIds: ids('activityIds'),
    documentIds: ids('documentIds'),
    expiresInDays: Number(text('expiresInDays')),
  };
}

/** Choosing what a verification link shows, to whom, and for how long. */
export function ShareForm({ workspaceId, isPending, onSubmit }: Props) {
  const {
    ref,
    errors,
    onSubmit: onFormSubmit,
  } = useProblemForm(FIELDS, {
    send: (data) => onSubmit(readShare(data)),
    onSaved: (form) => form.reset(),
  });
  const licenses = useLicenses(workspaceId);
  const activities = useActivities(workspaceId);
  const documents = useDocumentList(workspaceId, {});

  return (
    <form ref={ref} className="form" onSubmit={onFormSubmit} noValidate data-testid="share-form">
      <FormAlert message={errors.form} />
      <TextField
        label="Who is it for?"
        name="label"
        hint="Only you see this, e.g. “Acme Clinic onboarding”."
        required
        maxLength={120}
        error={errors.fields.label}
      />
      <TextField
        label="Your name as the verifier sees it"
        name="holderName"
        required
        maxLength={120}
        error={errors.fields.holderName}
      />
      <TextField
        label="Days until the link stops working"
        name="expiresInDays"
        type="number"
        min={1}
        max={365}
        defaultValue="30"
        required
        error={errors.fields.expiresInDays}
      />
      <PickGroup
        legend="Licenses to show"
        name="licenseIds"
        items={(licenses.data?.items ?? []).map((l) => ({
          id: l.id,
          label: `${l.jurisdiction} ${l.credentialType} ${l.number}`,
        }))}
        {...(errors.fields.licenseIds === undefined ? {} : { error: errors.fields.licenseIds })}
      />
      <PickGroup
        legend="CE activities to show"
        name="activityIds"
        items={(activities.data?.pages.flatMap((page) => page.items) ?? []).map((a) => ({
          id: a.id,
          label: `${a.title} (${a.completedOn}, ${a.hours} h)`,
        }))}
        {...(errors.fields.activityIds === undefined ? {} : { error: errors.fields.activityIds })}
      />
      <PickGroup
        legend="Documents to show (the verifier sees each one’s SHA-256 fingerprint, not the file)"
        name="documentIds"
        items={(documents.data?.pages.flatMap((page) => page.items) ?? []).map((d) => ({
          id: d.id,
          label: d.title,
        }))}
        {...(errors.fields.documentIds === undefined ? {} : { error: errors.fields.documentIds })}
      />
      <button type="submit" className="button button-primary" disabled={isPending}>
        {isPending ? 'Creating…' : 'Create link'}
      </button>
    </form>
  );
}
