import { useRef, useState, type FormEvent } from 'react';
import { describeError, toFormErrors } from '../../lib/api/problem';
import type { CreatedInvite, Role } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { ConfirmButton } from '../../lib/ui/confirm-button';
import { CopyButton } from '../../lib/ui/copy-button';
import { SelectField, TextField } from '../../lib/ui/field';
import { EmptyState, ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { ROLE_LABELS } from '../workspaces/permissions';
import { useCreateInvite, useInvites, useRevokeInvite } from './hooks';
import { isEmailAddress } from '../../lib/email-address';

const STATUS_LABELS = {
  pending: 'Pending',
  accepted: 'Accepted',
  revoked: 'Revoked',
  expired: 'Expired',
} as const;

type InvitesSectionProps = { workspaceId: string; assignable: Role[] };

/** Invite someone by email (the code is shown once), and see or revoke pending invites. */
export function InvitesSection({ workspaceId, assignable }: InvitesSectionProps) {
  const invites = useInvites(workspaceId);
  const revoke = useRevokeInvite(workspaceId);
  const [created, setCreated] = useState<CreatedInvite | undefined>();

  return (
    <section className="section" aria-labelledby="invites-heading">
      <h2 id="invites-heading">Invites</h2>
      {created === undefined ? (
        <InviteForm workspaceId={workspaceId} assignable={assignable} onCreated={setCreated} />
      ) : (
        <CreatedInviteNotice created={created} onDone={() => setCreated(undefined)} />
      )}
      <h3>Sent invites</h3>
      <FormAlert message={revoke.isError ? describeError(revoke.error) : undefined} />
      {invites.isPending ? (
        <Loading label="Loading invites…" />
      ) : invites.isError ? (
        <ErrorState error={invites.error} onRetry={() => void invites.refetch()} />
      ) : invites.data.items.length === 0 ? (
        <EmptyState title="No invites sent" />
      ) : (
        <ul className="card-list" data-testid="invite-list">
          {invites.data.items.map((invite) => (
            <li key={invite.id} className="card card-row" data-testid="invite-row">
              <div>
                <span>{invite.email}</span>
                <span className="muted small block">
                  {ROLE_LABELS[invite.role]} · sent {formatDateTime(invite.createdAt)}
                  {invite.status === 'pending' && ` · expires ${formatDateTime(invite.expiresAt)}`}
                </span>
              </div>
              <span className={`badge badge-status-${invite.status}`}>{STATUS_LABELS[invite.status]}</span>
              {invite.status === 'pending' && (
                <ConfirmButton
                  label="Revoke"
                  accessibleLabel={`Revoke invite for ${invite.email}`}
                  question={`Revoke the invite for ${invite.email}?`}
                  confirmLabel="Yes, revoke"
                  isPending={revoke.isPending}
                  onConfirm={() => revoke.mutate(invite.id)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type InviteFormProps = {
  workspaceId: string;
  assignable: Role[];
  onCreated: (created: CreatedInvite) => void;
};

function InviteForm({ workspaceId, assignable, onCreated }: InviteFormProps) {
  const create = useCreateInvite(workspaceId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [emailError, setEmailError] = useState<string | undefined>();
  const emailRef = useRef<HTMLInputElement>(null);
  const errors = create.error === null ? undefined : toFormErrors(create.error, ['email', 'role'] as const);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isEmailAddress(email.trim())) {
      setEmailError('Enter the email address of the person to invite.');
      emailRef.current?.focus();
      return;
    }
    setEmailError(undefined);
    create.mutate({ email: email.trim(), role }, { onSuccess: onCreated });
  };

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label="Invite someone">
      <FormAlert message={errors?.form} />
      <div className="field-row">
        <TextField
          ref={emailRef}
          label="Email of the person to invite"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={emailError ?? errors?.fields.email}
          data-testid="invite-email"
        />
        <SelectField
          label="Role"
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
          error={errors?.fields.role}
          data-testid="invite-role"
        >
          {assignable.map((item) => (
            <option key={item} value={item}>
              {ROLE_LABELS[item]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={create.isPending}
          data-testid="invite-create"
        >
          {create.isPending ? 'Creating…' : 'Create invite'}
        </button>
      </div>
    </form>
  );
}

/** The code of a new invite, shown once, with how the invited person uses it. */
export function CreatedInviteNotice({ created, onDone }: { created: CreatedInvite; onDone: () => void }) {
  const joinUrl = `${window.location.origin}/invites/accept`;
  return (
    <div className="notice notice-success secret" role="status" data-testid="invite-created">
      <p className="notice-title">Invite created for {created.invite.email}</p>
      <p>
        We emailed them the code. You can also share it yourself: they sign in, open <code>{joinUrl}</code>{' '}
        and enter it.
      </p>
      <div className="secret-row">
        <code className="secret-value" data-testid="invite-code-value">
          {created.code}
        </code>
        <CopyButton text={created.code} label="Copy code" testId="invite-code-copy" />
      </div>
      <p className="small">
        <strong>This code is shown only once.</strong> It expires {formatDateTime(created.invite.expiresAt)}.
      </p>
      <button type="button" className="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
