import { Link } from 'react-router';
import type { SharedWithMe } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, Loading } from '../../lib/ui/status';
import { useSharedWithMe } from './hooks';
import { PROFESSION_LABELS, SHARED_KIND_LABELS, SHARED_KIND_PATHS } from './labels';

/**
 * For a professional: what each person who invited them shared, until when, with a link to read
 * each kind. The pages opened are the ordinary ones, which show no write action to a professional.
 */
export function SharedWithMePage() {
  const shared = useSharedWithMe();

  return (
    <>
      <PageHeader
        title="Shared with you"
        description="Records people shared with you as their professional: read-only, until the date shown."
      />
      {shared.isPending ? (
        <Loading label="Loading what was shared…" />
      ) : shared.isError ? (
        <ErrorState error={shared.error} onRetry={() => void shared.refetch()} />
      ) : shared.data.items.length === 0 ? (
        <EmptyState title="Nothing is shared with you right now" testId="shared-empty">
          <p>
            When someone invites you as their professional, accept the invite with its code and what they
            share appears here. Access that ended or was revoked is no longer listed.
          </p>
        </EmptyState>
      ) : (
        <ul className="card-list" data-testid="shared-list">
          {shared.data.items.map((item) => (
            <SharedItem key={item.workspaceId} item={item} />
          ))}
        </ul>
      )}
    </>
  );
}

function SharedItem({ item }: { item: SharedWithMe }) {
  const base = `/w/${encodeURIComponent(item.workspaceId)}`;
  return (
    <li className="card" data-testid="shared-item">
      <h2>{item.workspaceName}</h2>
      <p className="muted small">
        Shared by {item.sharedBy.displayName} with you as{' '}
        {PROFESSION_LABELS[item.grant.profession].toLowerCase()} · until {formatDateTime(item.grant.endsAt)}
      </p>
      <ul className="chips chips-static" aria-label={`What ${item.sharedBy.displayName} shared`}>
        {item.grant.kinds.map((kind) => (
          <li key={kind} className="chip">
            <Link to={`${base}/${SHARED_KIND_PATHS[kind]}`} data-testid={`shared-open-${kind}`}>
              {kind === 'wellbeing' ? 'Wellbeing records shared with you' : SHARED_KIND_LABELS[kind]}
            </Link>
          </li>
        ))}
      </ul>
    </li>
  );
}
