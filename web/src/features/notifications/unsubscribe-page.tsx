import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError, isApiError } from '../../lib/api/problem';
import { useDocumentTitle } from '../../lib/ui/page';
import { ErrorState, FormAlert, Loading, Notice } from '../../lib/ui/status';
import { useUnsubscribe, useUnsubscribePreview } from './hooks';

/**
 * Where an email's unsubscribe link leads (the API's /u/TOKEN redirects here). Opening it changes
 * nothing, because mail scanners open links too: the page names the list and asks to confirm with
 * one button. No sign-in is needed; the signed token is the proof (P-MAIL-2).
 */
export function UnsubscribePage() {
  const [searchParams] = useSearchParams();
  const [token] = useState(() => searchParams.get('token') ?? '');
  const preview = useUnsubscribePreview(token);
  const unsubscribe = useUnsubscribe(token);
  useDocumentTitle('Unsubscribe');

  const isInvalid = token === '' || isApiError(preview.error, { code: 'invalid_unsubscribe_link' });
  if (isInvalid) {
    return (
      <div data-testid="unsubscribe-invalid">
        <h1 tabIndex={-1} data-page-heading="">
          This unsubscribe link does not work
        </h1>
        <Notice tone="warning" role="alert">
          <p>Open the link straight from the email, or sign in and change your email preferences.</p>
        </Notice>
        <p>
          <Link to="/account/email" className="button button-primary">
            Email preferences
          </Link>
        </p>
      </div>
    );
  }
  if (preview.isPending) return <Loading label="Checking your unsubscribe link…" />;
  if (preview.isError) return <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />;

  const { label, isOptedIn } = preview.data;
  if (!isOptedIn) {
    return (
      <div data-testid="unsubscribe-done">
        <h1 tabIndex={-1} data-page-heading="">
          You are unsubscribed
        </h1>
        <Notice tone="success" role="status">
          <p>You will no longer get “{label}”. Service emails about your account still arrive.</p>
        </Notice>
        <p>
          <Link to="/account/email">Manage all email preferences</Link> (needs sign-in)
        </p>
      </div>
    );
  }
  return (
    <>
      <h1 tabIndex={-1} data-page-heading="">
        Unsubscribe from “{label}”?
      </h1>
      <p>You will stop getting these emails. You can opt in again at any time in your email preferences.</p>
      <FormAlert message={unsubscribe.isError ? describeError(unsubscribe.error) : undefined} />
      <button
        type="button"
        className="button button-primary"
        onClick={() => unsubscribe.mutate()}
        disabled={unsubscribe.isPending}
        data-testid="unsubscribe-confirm"
      >
        {unsubscribe.isPending ? 'Unsubscribing…' : 'Unsubscribe'}
      </button>
    </>
  );
}
