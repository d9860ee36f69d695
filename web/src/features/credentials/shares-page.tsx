import { useState } from 'react';
import { describeError } from '../../lib/api/problem';
import { ConfirmButton } from '../../lib/ui/confirm-button';
import { CopyButton } from '../../lib/ui/copy-button';
import { useDocumentTitle } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, Loading, Notice } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { ShareForm } from './share-form';
import {
  useCreateShare,
  useRevokeShare,
  useShares,
  useShareViews,
  verificationUrl,
  type Share,
} from './share-hooks';

const STATUS_LABEL: Record<Share['status'], string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** When one link was opened: the holder's view log (P-CRED-2). */
function ViewLog({ workspaceId, share }: { workspaceId: string; share: Share }) {
  const views = useShareViews(workspaceId, share.id);
  if (views.isPending) return <Loading label="Loading views…" />;
  if (views.isError) return <ErrorState error={views.error} onRetry={() => void views.refetch()} />;
  if (views.data.items.length === 0) return <p className="muted">Nobody has opened this link yet.</p>;
  return (
    <ul data-testid="share-views">
      {views.data.items.map((view) => (
        <li key={view.id}>Opened {new Date(view.viewedAt).toLocaleString()}</li>
      ))}
    </ul>
  );
}

function ShareRow({
  workspaceId,
  share,
  canWrite,
}: {
  workspaceId: string;
  share: Share;
  canWrite: boolean;
}) {
  const [isShowingViews, setIsShowingViews] = useState(false);
  const revoke = useRevokeShare(workspaceId);
  return (
    <li className="card" data-testid="share-row">
      <h3>{share.label}</h3>
      <p>
        <span data-testid="share-status">{STATUS_LABEL[share.status]}</span> · expires{' '}
        {new Date(share.expiresAt).toLocaleDateString()} · {share.licenseIds.length} licenses,{' '}
        {share.activityIds.length} activities, {share.documentIds.length} documents · opened{' '}
        <span data-testid="share-view-count">{share.viewCount}</span> times
      </p>
      <button
        type="button"
        className="button"
        aria-expanded={isShowingViews}
        // Named after its link, as Revoke is: a list of identical "Show views" buttons says nothing
        // to a screen reader moving from button to button. The visible words come first (WCAG 2.5.3).
        aria-label={`${isShowingViews ? 'Hide views' : 'Show views'} of ${share.label}`}
        onClick={() => setIsShowingViews((shown) => !shown)}
      >
        {isShowingViews ? 'Hide views' : 'Show views'}
      </button>
      {canWrite && share.status === 'active' && (
        <ConfirmButton
          label="Revoke"
          question={`Revoke the link for ${share.label}? It stops working at once.`}
          confirmLabel="Yes, revoke"
          onConfirm={() => revoke.mutate(share.id)}
          isPending={revoke.isPending}
          accessibleLabel={`Revoke the link for ${share.label}`}
          testId="share-revoke"
        />
      )}
      {revoke.isError && <FormAlert message={describeError(revoke.error)} />}
      {isShowingViews && <ViewLog workspaceId={workspaceId} share={share} />}
    </li>
  );
}

/** Verification links: share chosen credentials with someone who has no account, for a while. */
export function SharesPage() {
  useDocumentTitle('Verification links');
  const { workspaceId, can } = useCurrentWorkspace();
  const canWrite = can('credentials:write');
  const shares = useShares(workspaceId);
  const create = useCreateShare(workspaceId);
  const [createdUrl, setCreatedUrl] = useState<string | undefined>();

  return (
    <>
      <section className="section" aria-labelledby="shares-heading">
        <h2 id="shares-heading">Verification links</h2>
        <p>
          A link shows only the licenses, activities and document fingerprints you pick, to anyone who has it,
          without signing in, until it expires or you revoke it. Each opening is logged here.
        </p>
        {createdUrl !== undefined && (
          <Notice tone="success" title="Link created" testId="share-created">
            <p>Copy it now: it is shown this once.</p>
            <p>
              <code data-testid="share-url">{createdUrl}</code>
            </p>
            <CopyButton text={createdUrl} label="Copy link" />
          </Notice>
        )}
        {shares.isPending ? (
          <Loading label="Loading links…" />
        ) : shares.isError ? (
          <ErrorState error={shares.error} onRetry={() => void shares.refetch()} />
        ) : shares.data.items.length === 0 ? (
          <EmptyState title="No links yet">
            <p>Create a link below to let an employer or board check your credentials.</p>
          </EmptyState>
        ) : (
          <ul className="card-list">
            {shares.data.items.map((share) => (
              <ShareRow key={share.id} workspaceId={workspaceId} share={share} canWrite={canWrite} />
            ))}
          </ul>
        )}
      </section>
      {canWrite && (
        <section className="section" aria-labelledby="new-share-heading">
          <h2 id="new-share-heading">Create a link</h2>
          <ShareForm
            workspaceId={workspaceId}
            isPending={create.isPending}
            onSubmit={async (body) => {
              const created = await create.mutateAsync(body);
              setCreatedUrl(verificationUrl(created.token));
            }}
          />
        </section>
      )}
    </>
  );
}
