import { ConfirmButton } from '../../lib/ui/confirm-button';
import { formatDateTime, formatDay } from '../../lib/dates';
import { CheckStatusBadge } from './check-status';
import type { ChecklistEntry, CredentialRequest } from './organisation-hooks';

const REQUEST_STATUS: Record<CredentialRequest['status'], string> = {
  pending: 'Waiting for an answer',
  shared: 'Shared',
  withdrawn: 'Withdrawn by the person',
  cancelled: 'Cancelled',
};

type Props = {
  requests: CredentialRequest[];
  checklist: ChecklistEntry[];
  isCancelling: boolean;
  onCancel: (request: CredentialRequest) => void;
};

/** Each person asked: the request's status, then each requirement complete, expiring or missing. */
export function OrganisationRequests({ requests, checklist, isCancelling, onCancel }: Props) {
  const entries = new Map(checklist.map((entry) => [entry.requestId, entry]));
  return (
    <ul className="card-list" data-testid="org-requests">
      {requests.map((request) => {
        const entry = entries.get(request.id);
        return (
          <li key={request.id} className="card org-card" data-testid="org-request">
            <h3>{request.personName}</h3>
            <p className="muted small">
              {request.email} · asked {formatDateTime(request.createdAt)}
            </p>
            <p>
              Request: <span data-testid="org-request-status">{REQUEST_STATUS[request.status]}</span>
              {entry !== undefined && (
                <>
                  {' '}
                  · Checklist: <CheckStatusBadge status={entry.status} testId="org-checklist-status" />
                </>
              )}
            </p>
            {entry !== undefined && (
              <ul className="checklist-items" aria-label={`Checklist of ${request.personName}`}>
                {entry.items.map((item, index) => (
                  <li key={`${item.kind}-${index}`} data-testid="org-checklist-item">
                    <CheckStatusBadge status={item.status} /> {item.label}
                    {item.expiresOn !== null && (
                      <span className="muted small">
                        {' '}
                        · expires <time dateTime={item.expiresOn}>{formatDay(item.expiresOn)}</time>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {request.status !== 'cancelled' && (
              <ConfirmButton
                label="Cancel request"
                question={`Cancel the request to ${request.personName}? They stop seeing it, and anything they shared for it ends.`}
                confirmLabel="Yes, cancel it"
                onConfirm={() => onCancel(request)}
                isPending={isCancelling}
                accessibleLabel={`Cancel request to ${request.personName}`}
                testId="org-request-cancel"
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
