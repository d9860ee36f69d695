import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../lib/api/problem';
import { CopyButton } from '../../lib/ui/copy-button';
import { TextField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { ErrorState, FormAlert, Loading, Notice } from '../../lib/ui/status';
import { OtpauthQr } from './otpauth-qr';
import {
  useAddPasskey,
  useCancelFactorReset,
  useConfirmTotp,
  useNewRecoveryCodes,
  useRemovePasskey,
  useRemoveTotp,
  useSecondFactorStatus,
  useStartTotp,
  type SecondFactorStatus,
} from './hooks';

/** Recovery codes, shown once right after they are made. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <Notice tone="info" title="Your recovery codes" role="status" testId="recovery-codes">
      <p>
        Each works once if you lose your other factors. Keep them somewhere safe: they are not shown again.
      </p>
      <ul className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <CopyButton text={codes.join('\n')} label="Copy the codes" />
      <button type="button" className="button" onClick={onDone} data-testid="recovery-codes-done">
        I have saved them
      </button>
    </Notice>
  );
}

function AuthenticatorSection({
  status,
  onCodes,
}: {
  status: SecondFactorStatus;
  onCodes: (codes: string[]) => void;
}) {
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const remove = useRemoveTotp();
  const [code, setCode] = useState('');

  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code.trim(), {
      onSuccess: (enrolled) => {
        start.reset();
        setCode('');
        if (enrolled.recoveryCodes !== undefined) onCodes(enrolled.recoveryCodes);
      },
    });
  };

  return (
    <section className="section card" aria-labelledby="totp-heading">
      <h2 id="totp-heading">Authenticator app</h2>
      {status.totp !== null ? (
        <>
          <p data-testid="totp-enrolled">
            Set up on {new Date(status.totp.enrolledAt).toLocaleDateString()}.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => remove.mutate()}
            disabled={remove.isPending}
          >
            Remove the authenticator app
          </button>
          <FormAlert message={remove.isError ? describeError(remove.error) : undefined} />
        </>
      ) : start.data === undefined ? (
        <>
          <p>
            Codes from an app such as 1Password, Google Authenticator or Aegis confirm administrative actions.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => start.mutate()}
            disabled={start.isPending}
            data-testid="totp-start"
          >
            Set up an authenticator app
          </button>
          <FormAlert message={start.isError ? describeError(start.error) : undefined} />
        </>
      ) : (
        <form className="form" onSubmit={onConfirm}>
          <p>
            Scan this code with your authenticator app, open{' '}
            <a href={start.data.otpauthUri}>this setup link</a> on your phone, or type the key below. Then
            enter the code it shows.
          </p>
          <OtpauthQr uri={start.data.otpauthUri} />
          <p>
            Key: <code data-testid="totp-secret">{start.data.secret}</code>{' '}
            <CopyButton text={start.data.secret} label="Copy the key" />
          </p>
          <TextField
            label="Code from the app"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            data-testid="totp-code"
          />
          <FormAlert message={confirm.isError ? describeError(confirm.error) : undefined} />
          <button
            type="submit"
            className="button button-primary"
            disabled={confirm.isPending}
            data-testid="totp-confirm"
          >
            Confirm
          </button>
        </form>
      )}
    </section>
  );
}

function PasskeysSection({
  status,
  onCodes,
}: {
  status: SecondFactorStatus;
  onCodes: (codes: string[]) => void;
}) {
  const add = useAddPasskey();
  const remove = useRemovePasskey();
  const [name, setName] = useState('');

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(name.trim(), {
      onSuccess: (result) => {
        setName('');
        if (result.enrolled.recoveryCodes !== undefined) onCodes(result.enrolled.recoveryCodes);
      },
    });
  };

  return (
    <section className="section card" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">Passkeys</h2>
      {status.passkeys.length === 0 ? (
        <p>
          No passkeys yet. A passkey on this device or a security key is the quickest way to confirm it is
          you.
        </p>
      ) : (
        <ul className="list" data-testid="passkey-list">
          {status.passkeys.map((passkey) => (
            <li key={passkey.id}>
              <strong>{passkey.name}</strong>{' '}
              <span className="muted small">added {new Date(passkey.createdAt).toLocaleDateString()}</span>{' '}
              <button
                type="button"
                className="button button-quiet"
                onClick={() => remove.mutate(passkey.id)}
                disabled={remove.isPending}
                aria-label={`Remove the passkey ${passkey.name}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormAlert message={remove.isError ? describeError(remove.error) : undefined} />
      <form className="form" onSubmit={onAdd}>
        <TextField
          label="Name of the new passkey"
          hint="For example: work laptop"
          value={name}
          maxLength={60}
          onChange={(event) => setName(event.target.value)}
          required
          data-testid="passkey-name"
        />
        <FormAlert message={add.isError ? describeError(add.error) : undefined} />
        <button type="submit" className="button" disabled={add.isPending} data-testid="passkey-add">
          {add.isPending ? 'Waiting for your passkey…' : 'Add a passkey'}
        </button>
      </form>
    </section>
  );
}

/** Support scheduled the removal of every factor: the date, and a way to stop it with a factor still held. */
function ScheduledReset({ effectiveAt }: { effectiveAt: string }) {
  const cancel = useCancelFactorReset();
  return (
    <Notice tone="warning" title="Support will remove your second factors" testId="factor-reset-scheduled">
      <p>
        Every passkey, authenticator app and recovery code will be removed after{' '}
        {new Date(effectiveAt).toLocaleString()}. If you did not ask support for this, cancel it now and tell
        them.
      </p>
      <button type="button" className="button" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
        Cancel the reset
      </button>
      <FormAlert message={cancel.isError ? describeError(cancel.error) : undefined} />
    </Notice>
  );
}

/** Security settings: passkeys, the authenticator app and recovery codes (P-AUTH-6). */
export function SecurityPage() {
  const status = useSecondFactorStatus();
  const newCodes = useNewRecoveryCodes();
  const [codes, setCodes] = useState<string[] | undefined>(undefined);

  return (
    <>
      <PageHeader
        title="Security"
        description={
          <>
            Second factors protect administrative actions. <Link to="/account">Back to your account</Link>
          </>
        }
      />
      {status.isPending ? (
        <Loading label="Loading your security settings…" />
      ) : status.isError ? (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      ) : status.data.isManagedByClerk ? (
        <Notice tone="info" title="Managed by your sign-in provider">
          <p>You sign in through Clerk; set up your second factors there.</p>
        </Notice>
      ) : (
        <>
          {status.data.isRequired && status.data.totp === null && status.data.passkeys.length === 0 && (
            <Notice tone="warning" title="A second factor is required" testId="second-factor-required">
              <p>
                Your role, or a workspace you belong to, needs one: set up a passkey or an authenticator app
                before you manage members, API keys or billing, or open a workspace that requires it.
              </p>
            </Notice>
          )}
          {status.data.resetScheduledFor !== undefined && (
            <ScheduledReset effectiveAt={status.data.resetScheduledFor} />
          )}
          {codes !== undefined && <RecoveryCodes codes={codes} onDone={() => setCodes(undefined)} />}
          <PasskeysSection status={status.data} onCodes={setCodes} />
          <AuthenticatorSection status={status.data} onCodes={setCodes} />
          <section className="section card" aria-labelledby="recovery-heading">
            <h2 id="recovery-heading">Recovery codes</h2>
            <p data-testid="recovery-codes-left">
              {status.data.totp === null && status.data.passkeys.length === 0
                ? 'Recovery codes come with your first passkey or authenticator app.'
                : `${status.data.recoveryCodesLeft} of 10 unused.`}
            </p>
            <button
              type="button"
              className="button"
              disabled={
                newCodes.isPending || (status.data.totp === null && status.data.passkeys.length === 0)
              }
              onClick={() =>
                newCodes.mutate(undefined, { onSuccess: (result) => setCodes(result.recoveryCodes) })
              }
            >
              Make new recovery codes
            </button>
            <FormAlert message={newCodes.isError ? describeError(newCodes.error) : undefined} />
            <p className="muted small">
              Lost every factor and your codes? Write to support from your account’s address: after a waiting
              period and an email to you, they remove your factors. There is no instant bypass.
            </p>
          </section>
        </>
      )}
    </>
  );
}
