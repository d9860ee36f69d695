import { useId } from 'react';
import { FieldErrorText, SelectField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { useProblemForm } from '../../lib/ui/use-problem-form';
import { useDocumentList } from '../documents/hooks';
import { useActivities } from './activity-hooks';
import { useLicenses } from './license-hooks';
import type { OrgShareBody, ReceivedRequest } from './organisation-hooks';

const FIELDS = ['licenseIds', 'activityIds', 'documents'] as const;
type Field = (typeof FIELDS)[number];

type Props = {
  workspaceId: string;
  received: ReceivedRequest;
  isPending: boolean;
  onSubmit: (body: OrgShareBody) => Promise<unknown>;
};

/** Checkboxes of the person's own records of one kind. */
function PickGroup(props: {
  legend: string;
  name: Field;
  items: { id: string; label: string }[];
  error?: string;
}) {
  const errorId = useId();
  return (
    <fieldset className="field" aria-describedby={props.error === undefined ? undefined : `${errorId}-error`}>
      <legend>{props.legend}</legend>
      {props.items.length === 0 && <p className="muted small">None in this workspace.</p>}
      {props.items.map((item) => (
        <label key={item.id} className="checkbox-row">
          <input type="checkbox" name={props.name} value={item.id} /> {item.label}
        </label>
      ))}
      <FieldErrorText id={errorId} error={props.error} />
    </fieldset>
  );
}

/** What the person shares into the organisation: their own records, each document asked answered by one of theirs. */
export function OrgShareForm({ workspaceId, received, isPending, onSubmit }: Props) {
  const licenses = useLicenses(workspaceId);
  const activities = useActivities(workspaceId);
  const documents = useDocumentList(workspaceId, {});
  const documentsErrorId = useId();
  const {
    ref,
    errors,
    onSubmit: onFormSubmit,
  } = useProblemForm(FIELDS, {
    send: (data) => {
      const ids = (name: string) =>
        data.getAll(name).filter((value): value is string => typeof value === 'string' && value !== '');
      return onSubmit({
        licenseIds: ids('licenseIds'),
        activityIds: ids('activityIds'),
        documents: received.documents.flatMap((wanted) => {
          const documentId = data.get(`document-${wanted.id}`);
          return typeof documentId === 'string' && documentId !== ''
            ? [{ requirementId: wanted.id, documentId }]
            : [];
        }),
      });
    },
  });
  const ownDocuments = documents.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <form ref={ref} className="form" onSubmit={onFormSubmit} noValidate data-testid="org-share-form">
      <FormAlert message={errors.form} />
      <PickGroup
        legend="Licenses to share"
        name="licenseIds"
        items={(licenses.data?.items ?? []).map((license) => ({
          id: license.id,
          label: `${license.jurisdiction} ${license.credentialType} ${license.number}`,
        }))}
        {...(errors.fields.licenseIds === undefined ? {} : { error: errors.fields.licenseIds })}
      />
      <PickGroup
        legend="CE activities to share"
        name="activityIds"
        items={(activities.data?.pages.flatMap((page) => page.items) ?? []).map((activity) => ({
          id: activity.id,
          label: `${activity.title} (${activity.completedOn}, ${activity.hours} h)`,
        }))}
        {...(errors.fields.activityIds === undefined ? {} : { error: errors.fields.activityIds })}
      />
      {received.documents.length > 0 && (
        <fieldset
          className="field"
          aria-describedby={errors.fields.documents === undefined ? undefined : `${documentsErrorId}-error`}
        >
          <legend>Documents asked for</legend>
          {received.documents.map((wanted) => (
            <SelectField key={wanted.id} label={wanted.label} name={`document-${wanted.id}`} defaultValue="">
              <option value="">Not shared</option>
              {ownDocuments.map((document) => (
                <option key={document.id} value={document.id}>
                  {document.title}
                </option>
              ))}
            </SelectField>
          ))}
          <FieldErrorText id={documentsErrorId} error={errors.fields.documents} />
        </fieldset>
      )}
      <button type="submit" className="button button-primary" disabled={isPending}>
        {isPending ? 'Sharing…' : `Share with ${received.organisationName}`}
      </button>
    </form>
  );
}
