import { useRef, useState, type FormEvent } from 'react';
import { isApiError, toFormErrors } from '../../lib/api/problem';
import type { User } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { CorrectionActions, useCorrectionForm } from '../../lib/ui/correction-form';
import { TextField } from '../../lib/ui/field';
import { FormAlert, Notice } from '../../lib/ui/status';
import { useRequestEmailChange, useUpdateDisplayName } from './hooks';
import { checkNewEmail, DISPLAY_NAME_MAX_LENGTH } from './profile-checks';

/** The person's profile, each field correctable (P-RIGHT-2): the display name at once, the email by a link. */
export function ProfileSection({ user }: { user: User }) {
  return (
    <section className="section card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <dl className="detail-list detail-list-compact" data-testid="profile">
        <div>
          <dt>Email</dt>
          <dd data-testid="profile-email">{user.email}</dd>
        </div>
        <div>
          <dt>Member since</dt>
          <dd>{formatDateTime(user.createdAt)}</dd>
        </div>
      </dl>
      <DisplayNameForm current={user.displayName} />
      <EmailChangeForm current={user.email} />
    </section>
  );
}

function DisplayNameForm({ current }: { current: string }) {
  const update = useUpdateDisplayName();
  const [status, setStatus] = useState('');
  const form = useCorrectionForm<HTMLInputElement>({
    current,
    rules: {
      maxLength: DISPLAY_NAME_MAX_LENGTH,
      whenBlank: 'Enter the name others in your workspaces should see.',
    },
    onUnchanged: () => setStatus('Your name is unchanged.'),
    onSave: (displayName, focusField) => {
      setStatus('');
      update.mutate(displayName, {
        onSuccess: () => setStatus('Name saved. Your workspaces show the new name.'),
        onError: focusField,
      });
    },
  });
  const errors = update.error === null ? undefined : toFormErrors(update.error, ['displayName'] as const);

  return (
    <form className="form profile-form" onSubmit={form.onSubmit} noValidate>
      <FormAlert message={errors?.form} />
      <TextField
        ref={form.fieldRef}
        label="Display name"
        hint="Shown to the other members of your workspaces."
        value={form.draft}
        maxLength={DISPLAY_NAME_MAX_LENGTH}
        autoComplete="name"
        onChange={(event) => form.setDraft(event.target.value)}
        error={form.localError ?? errors?.fields.displayName}
        data-testid="profile-name"
      />
      <CorrectionActions isPending={update.isPending} saveLabel="Save name" saveTestId="profile-name-save">
        <span className="status-line" role="status" data-testid="profile-name-status">
          {status}
        </span>
      </CorrectionActions>
    </form>
  );
}

function EmailChangeForm({ current }: { current: string }) {
  const request = useRequestEmailChange();
  const [draft, setDraft] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const [sentTo, setSentTo] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  // A 409 (the sign-in provider manages the address) is about the account, not the field.
  const errors =
    request.error === null
      ? undefined
      : isApiError(request.error, { status: 409 })
        ? { fields: {}, form: request.error.problem.detail ?? request.error.problem.title }
        : toFormErrors(request.error, ['email'] as const);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const check = checkNewEmail(draft, current);
    if ('error' in check) {
      setLocalError(check.error);
      inputRef.current?.focus();
      return;
    }
    setLocalError(undefined);
    setSentTo(undefined);
    request.mutate(check.value, {
      onSuccess: () => {
        setSentTo(check.value);
        setDraft('');
      },
      onError: () => inputRef.current?.focus(),
    });
  };

  return (
    <form className="form profile-form" onSubmit={onSubmit} noValidate aria-labelledby="email-change-heading">
      <h3 id="email-change-heading">Change email address</h3>
      <p className="muted small">
        You sign in with your email address. We send a link to the new address; your address changes only when
        you open it while signed in to this account.
      </p>
      <FormAlert message={errors?.form} testId="email-change-error" />
      <TextField
        ref={inputRef}
        label="New email address"
        type="email"
        inputMode="email"
        autoComplete="email"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        error={localError ?? errors?.fields.email}
        data-testid="email-change-input"
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button"
          disabled={request.isPending}
          data-testid="email-change-submit"
        >
          {request.isPending ? 'Sending…' : 'Send confirmation link'}
        </button>
      </div>
      {sentTo !== undefined && (
        <Notice tone="success" role="status" testId="email-change-sent">
          <p>
            A confirmation link was sent to <strong>{sentTo}</strong>. It is valid for 60 minutes and works
            once. Until you open it, you keep signing in with {current}.
          </p>
        </Notice>
      )}
    </form>
  );
}
