import type { Invite, Member, ProfessionalGrant } from '../../lib/api/types';
import { describeError } from '../../lib/api/problem';
import { formatDateTime } from '../../lib/dates';
import { ConfirmButton } from '../../lib/ui/confirm-button';
import { EmptyState, ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useInvites, useMembers, useRemoveMember, useRevokeInvite } from '../members/hooks';
import { describeKinds, PROFESSION_LABELS } from './labels';

/** One professional's access: an accepted one (a member) or one still waiting for them (an invite). */
type GrantRow = {
  key: string;
  who: string;
  grant: ProfessionalGrant;
  status: 'active' | 'ended' | 'pending';
  onRevoke: () => void;
};

const STATUS_LABELS: Record<GrantRow['status'], string> = {
  active: 'Active',
  ended: 'Ended',
  pending: 'Invite not yet accepted',
};

function toRows(
  members: readonly Member[],
  invites: readonly Invite[],
  now: number,
  onRemove: (userId: string) => void,
  onRevokeInvite: (inviteId: string) => void,
): GrantRow[] {
  const rows: GrantRow[] = [];
  for (const member of members) {
    if (member.role !== 'professional' || member.grant === undefined) continue;
    rows.push({
      key: `member-${member.userId}`,
      who: member.displayName === '' ? member.email : `${member.displayName} (${member.email})`,
      grant: member.grant,
      status: Date.parse(member.grant.endsAt) > now ? 'active' : 'ended',
      onRevoke: () => onRemove(member.userId),
    });
  }
  for (const invite of invites) {
    if (invite.role !== 'professional' || invite.grant === undefined || invite.status !== 'pending') continue;
    rows.push({
      key: `invite-${invite.id}`,
      who: invite.email,
      grant: invite.grant,
      status: 'pending',
      onRevoke: () => onRevokeInvite(invite.id),
    });
  }
  return rows.sort((a, b) => a.grant.endsAt.localeCompare(b.grant.endsAt));
}

/** Every professional given access here, with what, until when, and a Revoke that ends it at once. */
export function ProfessionalGrantsSection({ workspaceId }: { workspaceId: string }) {
  const members = useMembers(workspaceId);
  const invites = useInvites(workspaceId);
  const remove = useRemoveMember(workspaceId);
  const revokeInvite = useRevokeInvite(workspaceId);
  const isBusy = remove.isPending || revokeInvite.isPending;
  const actionError = remove.error ?? revokeInvite.error;

  return (
    <section className="section" aria-labelledby="grants-heading">
      <h2 id="grants-heading">Who has access</h2>
      <FormAlert message={actionError === null ? undefined : describeError(actionError)} />
      {members.isPending || invites.isPending ? (
        <Loading label="Loading access…" />
      ) : members.isError || invites.isError ? (
        <ErrorState
          error={members.error ?? invites.error}
          onRetry={() => void Promise.all([members.refetch(), invites.refetch()])}
        />
      ) : (
        <GrantList
          rows={toRows(
            members.data.items,
            invites.data.items,
            Date.now(),
            (userId) => remove.mutate(userId),
            (inviteId) => revokeInvite.mutate(inviteId),
          )}
          isBusy={isBusy}
        />
      )}
    </section>
  );
}

function GrantList({ rows, isBusy }: { rows: GrantRow[]; isBusy: boolean }) {
  if (rows.length === 0) {
    return (
      <EmptyState title="No professional has access" testId="grants-empty">
        <p>Invite one above: they see only what you choose, read-only, until the end date.</p>
      </EmptyState>
    );
  }
  return (
    <ul className="card-list" data-testid="grant-list">
      {rows.map((row) => (
        <li key={row.key} className="card card-row" data-testid="grant-row">
          <div>
            <span>{row.who}</span>
            <span className="muted small block">
              {PROFESSION_LABELS[row.grant.profession]} · {describeKinds(row.grant.kinds)}
            </span>
            <span className="muted small block">
              {row.status === 'ended' ? 'Ended' : 'Ends'} {formatDateTime(row.grant.endsAt)}
            </span>
          </div>
          <span className={`badge badge-status-${row.status}`}>{STATUS_LABELS[row.status]}</span>
          <ConfirmButton
            label="Revoke"
            accessibleLabel={`Revoke access for ${row.who}`}
            question={`End ${row.who}'s access now? They will no longer see anything here.`}
            confirmLabel="Yes, revoke"
            isPending={isBusy}
            onConfirm={row.onRevoke}
            testId="grant-revoke"
          />
        </li>
      ))}
    </ul>
  );
}
