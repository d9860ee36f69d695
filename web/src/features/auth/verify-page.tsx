import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeError, isApiError } from '../../lib/api/problem';
import { CheckboxField } from '../../lib/ui/field';
import { useDocumentTitle } from '../../lib/ui/page';
import { FormAlert, Loading, Notice } from '../../lib/ui/status';
import { useVerifySignIn } from './hooks';
import { takeNextPath } from './next-path';

/**
 * The page the emailed link opens. Opening it changes nothing on the server by itself: this page
 * reads the token, takes it out of the address bar, and POSTs it. A new account must first confirm
 * the person is 18 or older (P-AGE-1); the token stays valid until then.
 */
export function VerifyPage() {
  useDocumentTitle('Signing in');
  const [searchParams, setSearchParams] = useSearchParams();
  const [token] = useState(() => searchParams.get('token') ?? '');
  const verify = useVerifySignIn();
  const navigate = useNavigate();
  const hasStarted = useRef(false);
  const [isAgeConfirmed, setIsAgeConfirmed] = useState(false);
  const [ageError, setAgeError] = useState<string | undefined>();
  const checkboxRef = useRef<HTMLInputElement>(null);

  const needsAge = isApiError(verify.error, { code: 'age_confirmation_required' });
  const isInvalid = isApiError(verify.error, { code: 'invalid_token' }) || token === '';

  useEffect(() => {
    if (hasStarted.current || token === '') return;
    hasStarted.current = true;
    // Keep the one-time token out of the address bar and the history.
    setSearchParams({}, { replace: true });
    verify.mutate({ token }, { onSuccess: () => void navigate(takeNextPath() ?? '/', { replace: true }) });
  }, [token, verify, navigate, setSearchParams]);

  useEffect(() => {
    if (needsAge) checkboxRef.current?.focus();
  }, [needsAge]);

  const onConfirmAge = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isAgeConfirmed) {
      setAgeError('Please confirm you are 18 or older to create an account.');
      checkboxRef.current?.focus();
      return;
    }
    setAgeError(undefined);
    verify.mutate(
      { token, ageConfirmed: true },
      { onSuccess: () => void navigate(takeNextPath() ?? '/', { replace: true }) },
    );
  };

  if (isInvalid) {
    return (
      <div data-testid="verify-invalid">
        <h1 tabIndex={-1} data-page-heading="">
          This sign-in link does not work
        </h1>
        <Notice tone="warning" role="alert">
          <p>
            {token === ''
              ? 'The link is incomplete. Open it straight from the email, or ask for a new one.'
              : 'It may have expired or already been used. Sign-in links work once.'}
          </p>
        </Notice>
        <p>
          <Link to="/sign-in" className="button button-primary">
            Get a new sign-in link
          </Link>
        </p>
      </div>
    );
  }

  if (needsAge || (verify.isPending && verify.variables.ageConfirmed === true)) {
    return (
      <>
        <h1 tabIndex={-1} data-page-heading="">
          Create your account
        </h1>
        <p>Holdfast is for adults. Before we create your account, please confirm your age.</p>
        <form className="form" onSubmit={onConfirmAge} noValidate>
          <CheckboxField
            ref={checkboxRef}
            label="I confirm I am 18 or older"
            checked={isAgeConfirmed}
            onChange={(event) => setIsAgeConfirmed(event.target.checked)}
            error={ageError}
            data-testid="age-confirm"
          />
          <button
            type="submit"
            className="button button-primary"
            disabled={verify.isPending}
            data-testid="verify-submit"
          >
            {verify.isPending ? 'Creating your account…' : 'Create account and sign in'}
          </button>
        </form>
      </>
    );
  }

  if (verify.isError) {
    return (
      <>
        <h1 tabIndex={-1} data-page-heading="">
          Sign-in did not finish
        </h1>
        <FormAlert message={describeError(verify.error)} />
        <button
          type="button"
          className="button"
          onClick={() =>
            verify.mutate(
              { token },
              { onSuccess: () => void navigate(takeNextPath() ?? '/', { replace: true }) },
            )
          }
        >
          Try again
        </button>
      </>
    );
  }

  return (
    <>
      <h1 tabIndex={-1} data-page-heading="">
        Signing you in
      </h1>
      <Loading label="Checking your sign-in link…" />
    </>
  );
}
