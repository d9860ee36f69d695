import { useState } from 'react';
import { describeError } from '../../lib/api/problem';
import { useDocumentTitle } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import {
  useCancelRequest,
  useCreateRequest,
  useOrganisation,
  useRequestsAndChecklist,
  useSetOrganisation,
} from './organisation-hooks';
import { OrganisationRequests } from './organisation-requests';
import { ORGANISATION_KIND_LABELS, OrganisationSetup } from './organisation-setup';
import { RequestForm } from './request-form';

/**
 * The organisation's side of credentialing (clinic, agency, hospital): set the workspace up as an
 * organisation, ask people by email for licenses and documents, follow each person's checklist.
 */
export function OrganisationPage() {
  useDocumentTitle('Organisation credentialing');
  const { workspaceId, can } = useCurrentWorkspace();
  const canSetUp = can('workspace:manage');
  const canRequest = can('members:manage');
  const organisation = useOrganisation(workspaceId);
  const isOrganisation = organisation.data !== undefined && organisation.data !== null;
  const setUp = useSetOrganisation(workspaceId);
  const requests = useRequestsAndChecklist(workspaceId, isOrganisation && canRequest);
  const create = useCreateRequest(workspaceId);
  const cancel = useCancelRequest(workspaceId);
  // One polite live region for the outcome of each action, so a screen reader hears it.
  const [announcement, setAnnouncement] = useState('');

  return (
    <>
      <section className="section" aria-labelledby="organisation-heading">
        <h2 id="organisation-heading">Organisation</h2>
        <p>
          A clinic, agency or hospital asks people for their credentials here and follows a checklist per
          person. People share from their own workspace and may withdraw at any time.
        </p>
        <p className="status-line" role="status" aria-live="polite" data-testid="organisation-announcement">
          {announcement}
        </p>
        {organisation.isPending ? (
          <Loading label="Loading the organisation…" />
        ) : organisation.isError ? (
          <ErrorState error={organisation.error} onRetry={() => void organisation.refetch()} />
        ) : (
          <>
            {organisation.data === null ? (
              <EmptyState title="This workspace is not an organisation" testId="organisation-empty">
                <p>
                  {canSetUp
                    ? 'Make it one to ask people for their credentials.'
                    : 'An owner or admin can make it one.'}
                </p>
              </EmptyState>
            ) : (
              <p data-testid="organisation-name">
                <strong>{organisation.data.name}</strong> · {ORGANISATION_KIND_LABELS[organisation.data.kind]}
              </p>
            )}
            {canSetUp && (
              <details open={organisation.data === null}>
                <summary>
                  {organisation.data === null ? 'Set up the organisation' : 'Change the name or kind'}
                </summary>
                <OrganisationSetup
                  current={organisation.data}
                  isPending={setUp.isPending}
                  onSubmit={async (body) => {
                    await setUp.mutateAsync(body);
                    setAnnouncement(`${body.name.trim()} is set up as an organisation.`);
                  }}
                />
              </details>
            )}
          </>
        )}
      </section>
      {isOrganisation && !canRequest && (
        <p className="muted">
          Only the organisation’s owners and admins send requests and see the checklist.
        </p>
      )}
      {isOrganisation && canRequest && (
        <>
          <section className="section" aria-labelledby="org-requests-heading">
            <h2 id="org-requests-heading">Requests and checklist</h2>
            <p className="muted small">
              A license ending within 60 days shows as expiring. You see only what each person shared, as it
              is now, and each look is in their access log.
            </p>
            {requests.isPending ? (
              <Loading label="Loading requests…" />
            ) : requests.isError ? (
              <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />
            ) : requests.data.requests.length === 0 ? (
              <EmptyState title="No requests yet" testId="org-requests-empty">
                <p>Send the first one below.</p>
              </EmptyState>
            ) : (
              <OrganisationRequests
                requests={requests.data.requests}
                checklist={requests.data.checklist}
                isCancelling={cancel.isPending}
                onCancel={(request) =>
                  cancel.mutate(request.id, {
                    onSuccess: () => setAnnouncement(`The request to ${request.personName} was cancelled.`),
                  })
                }
              />
            )}
            {cancel.isError && <FormAlert message={describeError(cancel.error)} />}
          </section>
          <section className="section" aria-labelledby="new-request-heading">
            <h2 id="new-request-heading">Request credentials</h2>
            <RequestForm
              isPending={create.isPending}
              onSubmit={async (body) => {
                const created = await create.mutateAsync(body);
                setAnnouncement(`Request sent to ${created.email}.`);
              }}
            />
          </section>
        </>
      )}
    </>
  );
}
