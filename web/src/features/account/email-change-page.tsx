import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../../lib/api/problem';
import { PageHeader } from '../../lib/ui/page';
import { Loading, Notice } from '../../lib/ui/status';
import { useConfirmEmailChange } from './hooks';

/**
 * The page the email-change confirmation link opens (/account/email-change?token=…). It sits behind
 * the sign-in guard, so a signed-out person signs in first and comes back here with the token. The
 * token is taken out of the address bar, then POSTed once; the answer says the new address, or why
 * the link did not work (expired, used, meant for another account, address taken).
 */
export function EmailChangePage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const [token] = useState(() => searchParams.get('token') ?? '');
  const confirm = useConfirmEmailChange();
  const hasStarted = useRef(false);

  useEffect(() => {
    if (hasStarted.current || token === '') return;
    hasStarted.current = true;
    // Keep the one-time token out of the address bar and the history.
    setSearchParams({}, { replace: true });
    confirm.mutate(token);
  }, [token, confirm, setSearchParams]);

  const backToAccount = (
    <p>
      <Link to="/account" className="button" data-testid="email-change-account-link">
        Back to your account
      </Link>
    </p>
  );

  if (confirm.isSuccess)
    return (
      <>
        <PageHeader title="Email address changed" />
        <Notice tone="success" role="status" testId="email-change-confirmed">
          <p>
            You now sign in with <strong data-testid="email-change-new-address">{confirm.data.email}</strong>.
            Your previous address was told of the change.
          </p>
        </Notice>
        {backToAccount}
      </>
    );

  if (token === '' || confirm.isError)
    return (
      <>
        <PageHeader title="This confirmation link does not work" />
        <Notice tone="warning" role="alert" testId="email-change-failed">
          <p>
            {token === ''
              ? 'The link is incomplete. Open it straight from the email, or ask for a new one on your Account page.'
              : describeError(confirm.error)}
          </p>
        </Notice>
        {backToAccount}
      </>
    );

  return (
    <>
      <PageHeader title="Confirming your new email address" />
      <Loading label="Checking your confirmation link…" />
    </>
  );
}
