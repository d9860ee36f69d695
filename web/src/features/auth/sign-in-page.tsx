import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { toFormErrors } from '../../lib/api/problem';
import { TextField } from '../../lib/ui/field';
import { useDocumentTitle } from '../../lib/ui/page';
import { ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { ClerkSignInOption } from './clerk/clerk-sign-in-option';
import { useAuthConfig, useMe, useRequestMagicLink, useSessionStatus } from './hooks';
import { rememberNextPath, toSafeNextPath } from './next-path';
import { isEmailAddress } from '../../lib/email-address';

/** Sign in by email link (and through Clerk, when the API uses it): the form, then a "check your email" state. */
export function SignInPage() {
  useDocumentTitle('Sign in');
  const [searchParams] = useSearchParams();
  const next = toSafeNextPath(searchParams.get('next'));
  // Someone already signed in goes on to where they were going; /v1/me is asked only then.
  const session = useSessionStatus();
  const me = useMe({ isEnabled: session.data?.isSignedIn === true });
  const config = useAuthConfig();

  if (me.data !== undefined && me.data !== null) return <Navigate to={next ?? '/'} replace />;
  if (config.isPending) return <Loading />;
  if (config.isError) return <ErrorState error={config.error} onRetry={() => void config.refetch()} />;
  // With Clerk on, Clerk's sign-in comes first and the email link stays beside it.
  const clerkKey = config.data.provider === 'clerk' ? config.data.clerkPublishableKey : undefined;
  return (
    <MagicLinkForm
      next={next}
      alternative={
        clerkKey === undefined ? undefined : (
          <ClerkSignInOption publishableKey={clerkKey} next={next ?? '/'} />
        )
      }
    />
  );
}

function MagicLinkForm({ next, alternative }: { next: string | undefined; alternative?: ReactNode }) {
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | undefined>();
  const [sentTo, setSentTo] = useState<string | undefined>();
  const request = useRequestMagicLink();
  const inputRef = useRef<HTMLInputElement>(null);
  const sentRef = useRef<HTMLDivElement>(null);
  const formErrors = request.error === null ? undefined : toFormErrors(request.error, ['email'] as const);

  useEffect(() => {
    if (sentTo !== undefined) sentRef.current?.focus();
  }, [sentTo]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = email.trim();
    if (!isEmailAddress(trimmed)) {
      setEmailError('Enter your email address, like name@example.com.');
      inputRef.current?.focus();
      return;
    }
    setEmailError(undefined);
    rememberNextPath(next);
    request.mutate(trimmed, { onSuccess: () => setSentTo(trimmed) });
  };

  const onUseAnotherEmail = () => {
    setSentTo(undefined);
    request.reset();
    window.setTimeout(() => inputRef.current?.focus(), 0);
  };

  if (sentTo !== undefined) {
    return (
      <div ref={sentRef} tabIndex={-1} className="sent" role="status" data-testid="sign-in-sent">
        <h1>Check your email</h1>
        <p>
          If <strong>{sentTo}</strong> can sign in to Holdfast, a sign-in link is on its way. Open it on this
          device. The link works once and expires soon.
        </p>
        <p className="muted">
          Nothing arrived after a few minutes? Check your spam folder, or ask for a new link.
        </p>
        <button type="button" className="button" onClick={onUseAnotherEmail}>
          Use a different email
        </button>
      </div>
    );
  }

  return (
    <>
      <h1 tabIndex={-1} data-page-heading="">
        Sign in to Holdfast
      </h1>
      {alternative ?? <p>We will email you a link to sign in. No password needed.</p>}
      <form onSubmit={onSubmit} noValidate className="form" aria-describedby="sign-in-age">
        <FormAlert message={formErrors?.form} />
        <TextField
          ref={inputRef}
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={emailError ?? formErrors?.fields.email}
          data-testid="sign-in-email"
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={request.isPending}
          data-testid="sign-in-submit"
        >
          {request.isPending ? 'Sending…' : 'Email me a sign-in link'}
        </button>
      </form>
      <p id="sign-in-age" className="muted small">
        Holdfast is for adults. New accounts confirm they are 18 or older.
      </p>
    </>
  );
}
