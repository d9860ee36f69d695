import { useState } from 'react';
import { describeError } from '../../lib/api/problem';
import { formatDateTime } from '../../lib/dates';
import { ConfirmButton } from '../../lib/ui/confirm-button';
import { useDocumentTitle } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { OrgShareForm } from './org-share-form';
import {
  useReceivedRequests,
  useShareWithOrganisation,
  useWithdrawShare,
  type ReceivedRequest,
} from './organisation-hooks';
import { ORGANISATION_KIND_LABELS } from './organisation-setup';

const STATUS: Record<ReceivedRequest['status'], string> = {
  pending: 'Waiting for your answer',
  shared: 'Shared',
  withdrawn: 'Withdrawn',
  cancelled: 'Cancelled by the organisation',
};

/** What the organisation asks for, in words. */
function describeAsked(received: ReceivedRequest): string[] {
  return [
    ...received.licenses.map((license) => `${license.jurisdiction} ${license.credentialType} license`),
    ...received.documents.map((document) => document.label),
  ];
}

type RowProps = {
  workspaceId: string;
  received: ReceivedRequest;
  canWrite: boolean;
  onDone: (message: string) => void;
};

function ReceivedRow({ workspaceId, received, canWrite, onDone }: RowProps) {
  const share = useShareWithOrganisation(workspaceId);
  const withdraw = useWithdrawShare(workspaceId);
  const asked = describeAsked(received);
  const headingId = `received-${received.requestId}`;
  return (
    <li className="card org-card" data-testid="received-request" aria-labelledby={headingId}>
      <h3 id={headingId}>{received.organisationName}</h3>
      <p className="muted small">
        {ORGANISATION_KIND_LABELS[received.organisationKind]} · asked {formatDateTime(received.requestedAt)}
      </p>
      <p>
        Status: <span data-testid="received-status">{STATUS[received.status]}</span>
      </p>
      {received.message !== '' && <blockquote>{received.message}</blockquote>}
      {asked.length > 0 && (
        <>
          <p>They ask for:</p>
          <ul>
            {asked.map((item, index) => (
              <li key={`${item}-${index}`}>{item}</li>
            ))}
          </ul>
        </>
      )}
      {received.share !== null && (
        <p className="small">
          You shared {received.share.licenseIds.length} licenses, {received.share.activityIds.length}{' '}
          activities and {received.share.documents.length} documents on{' '}
          {formatDateTime(received.share.sharedAt)}.
        </p>
      )}
      {canWrite && received.status === 'pending' && (
        <details>
          <summary>Choose what to share</summary>
          <OrgShareForm
            workspaceId={workspaceId}
            received={received}
            isPending={share.isPending}
            onSubmit={async (body) => {
              await share.mutateAsync({ receivedId: received.requestId, body });
              onDone(`Shared with ${received.organisationName}.`);
            }}
          />
        </details>
      )}
      {canWrite && received.status === 'shared' && (
        <ConfirmButton
          label="Withdraw"
          question={`Withdraw what you shared with ${received.organisationName}? They stop seeing it at once.`}
          confirmLabel="Yes, withdraw"
          onConfirm={() =>
            withdraw.mutate(received.requestId, {
              onSuccess: () => onDone(`Withdrawn from ${received.organisationName}.`),
            })
          }
          isPending={withdraw.isPending}
          accessibleLabel={`Withdraw what you shared with ${received.organisationName}`}
          testId="received-withdraw"
        />
      )}
      {withdraw.isError && <FormAlert message={describeError(withdraw.error)} />}
    </li>
  );
}

/** Requests from organisations to the signed-in person: answer from this workspace, withdraw any time. */
export function ReceivedRequestsPage() {
  useDocumentTitle('Requests from organisations');
  const { workspaceId, can } = useCurrentWorkspace();
  const received = useReceivedRequests(workspaceId);
  const [announcement, setAnnouncement] = useState('');

  return (
    <section className="section" aria-labelledby="received-heading">
      <h2 id="received-heading">Requests from organisations</h2>
      <p>
        Clinics, agencies and hospitals that asked for your credentials at your email address. You choose what
        to share from this workspace; the organisation sees only that, and you can withdraw it at any time.
      </p>
      <p className="status-line" role="status" aria-live="polite" data-testid="received-announcement">
        {announcement}
      </p>
      {received.isPending ? (
        <Loading label="Loading requests…" />
      ) : received.isError ? (
        <ErrorState error={received.error} onRetry={() => void received.refetch()} />
      ) : received.data.items.length === 0 ? (
        <EmptyState title="No requests from organisations" testId="received-empty">
          <p>When an organisation asks for your credentials at your email address, the request shows here.</p>
        </EmptyState>
      ) : (
        <ul className="card-list" data-testid="received-requests">
          {received.data.items.map((item) => (
            <ReceivedRow
              key={item.requestId}
              workspaceId={workspaceId}
              received={item}
              canWrite={can('credentials:write')}
              onDone={setAnnouncement}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
