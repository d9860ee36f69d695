import { useState } from 'react';
import { describeError } from '../../lib/api/problem';
import type { Member, Role } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { ConfirmButton } from '../../lib/ui/confirm-button';
import { PageHeader } from '../../lib/ui/page';
import { ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useCurrentUser } from '../auth/current-user';
import { getAssignableRoles, ROLE_DESCRIPTIONS, ROLE_LABELS } from '../workspaces/permissions';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { useChangeRole, useMembers, useRemoveMember } from './hooks';
import { InvitesSection } from './invites-section';
import { SecondFactorRequirementSection } from './second-factor-requirement';

/** Members and their roles; owners and admins also change roles, remove members and manage invites. */
export function MembersPage() {
  const { workspaceId, role, can } = useCurrentWorkspace();
  const me = useCurrentUser();
  const members = useMembers(workspaceId);
  const changeRole = useChangeRole(workspaceId);
  const remove = useRemoveMember(workspaceId);
  const [status, setStatus] = useState('');
  const canManage = can('members:manage');
  const assignable = getAssignableRoles(role);
  const actionError = changeRole.error ?? remove.error;

  return (
    <>
      <PageHeader title="Members" description="Who can see and write this journal, and what each may do." />
      <p className="status-line" role="status">
        {status}
      </p>
      <FormAlert message={actionError === null ? undefined : describeError(actionError)} />
      <section className="section" aria-labelledby="members-heading">
        <h2 id="members-heading">People in this workspace</h2>
        {members.isPending ? (
          <Loading label="Loading members…" />
        ) : members.isError ? (
          <ErrorState error={members.error} onRetry={() => void members.refetch()} />
        ) : (
          <ul className="card-list" data-testid="member-list">
            {members.data.items.map((member) => (
              <MemberRow
                key={member.userId}
                member={member}
                isSelf={member.userId === me.user.id}
                assignable={canManage && (role === 'owner' || member.role !== 'owner') ? assignable : []}
                canRemove={
                  canManage && member.userId !== me.user.id && (role === 'owner' || member.role !== 'owner')
                }
                isBusy={changeRole.isPending || remove.isPending}
                onChangeRole={(next) =>
                  changeRole.mutate(
                    { userId: member.userId, role: next },
                    {
                      onSuccess: () =>
                        setStatus(`${nameOf(member)} is now ${ROLE_LABELS[next].toLowerCase()}.`),
                    },
                  )
                }
                onRemove={() =>
                  remove.mutate(member.userId, {
                    onSuccess: () => setStatus(`${nameOf(member)} was removed.`),
                  })
                }
              />
            ))}
          </ul>
        )}
        <details className="roles-help">
          <summary>What each role can do</summary>
          <dl className="detail-list detail-list-compact">
            {(Object.keys(ROLE_DESCRIPTIONS) as Role[]).map((item) => (
              <div key={item}>
                <dt>{ROLE_LABELS[item]}</dt>
                <dd>{ROLE_DESCRIPTIONS[item]}</dd>
              </div>
            ))}
          </dl>
        </details>
      </section>
      {can('invites:manage') && <InvitesSection workspaceId={workspaceId} assignable={assignable} />}
      {canManage && <SecondFactorRequirementSection workspaceId={workspaceId} />}
    </>
  );
}

function nameOf(member: Member): string {
  return member.displayName !== '' ? member.displayName : member.email;
}

type MemberRowProps = {
  member: Member;
  isSelf: boolean;
  assignable: Role[];
  canRemove: boolean;
  isBusy: boolean;
  onChangeRole: (role: Role) => void;
  onRemove: () => void;
};

function MemberRow({
  member,
  isSelf,
  assignable,
  canRemove,
  isBusy,
  onChangeRole,
  onRemove,
}: MemberRowProps) {
  const [draftRole, setDraftRole] = useState<Role>(member.role);
  const name = nameOf(member);
  const canChange = assignable.length > 0 && !isSelf;
  const selectId = `role-${member.userId}`;

  return (
    <li className="card member-row" data-testid="member-row">
      <div className="member-who">
        <span className="member-name">
          {name}
          {isSelf && <span className="muted"> (you)</span>}
        </span>
        {member.displayName !== '' && <span className="muted small block">{member.email}</span>}
        <span className="muted small block">Joined {formatDateTime(member.joinedAt)}</span>
      </div>
      <div className="member-actions">
        {canChange ? (
          <div className="inline-control">
            <label htmlFor={selectId} className="visually-hidden">
              Role for {name}
            </label>
            <select
              id={selectId}
              value={draftRole}
              onChange={(event) => setDraftRole(event.target.value as Role)}
            >
              {assignable.map((item) => (
                <option key={item} value={item}>
                  {ROLE_LABELS[item]}
                </option>
              ))}
            </select>
            {draftRole !== member.role && (
              <button
                type="button"
                className="button"
                disabled={isBusy}
                onClick={() => onChangeRole(draftRole)}
              >
                Change role
              </button>
            )}
          </div>
        ) : (
          <span className="badge">{ROLE_LABELS[member.role]}</span>
        )}
        {canRemove && (
          <ConfirmButton
            label="Remove"
            accessibleLabel={`Remove ${name}`}
            question={`Remove ${name}?`}
            confirmLabel="Yes, remove"
            isPending={isBusy}
            onConfirm={onRemove}
          />
        )}
      </div>
    </li>
  );
}
