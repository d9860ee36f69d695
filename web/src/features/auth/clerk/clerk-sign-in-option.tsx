import { useEffect, useState, useSyncExternalStore } from 'react';
import { FormAlert } from '../../../lib/ui/status';
import { getClerkControls, requestClerk, subscribeToClerk, whenClerkReady } from './clerk-session';

/**
 * The Clerk way in, beside the email link: asks for Clerk to load, then opens Clerk's own sign-in.
 * Once Clerk reports a session, the sign-in page sees the person signed in and takes them on.
 */
export function ClerkSignInOption({ publishableKey, next }: { publishableKey: string; next: string }) {
  const controls = useSyncExternalStore(subscribeToClerk, getClerkControls);
  const [hasFailed, setHasFailed] = useState(false);

  useEffect(() => {
    requestClerk(publishableKey);
    let isCurrent = true;
    void whenClerkReady().then((ready) => {
      if (isCurrent && ready === undefined) setHasFailed(true);
    });
    return () => {
      isCurrent = false;
    };
  }, [publishableKey]);

  return (
    <div className="clerk-sign-in" data-testid="clerk-sign-in">
      <button
        type="button"
        className="button button-primary"
        disabled={controls === undefined}
        onClick={() => controls?.openSignIn(next)}
        data-testid="clerk-sign-in-button"
      >
        {controls === undefined && !hasFailed ? 'Loading Clerk sign-in…' : 'Sign in with Clerk'}
      </button>
      {hasFailed && controls === undefined && (
        <FormAlert message="Clerk sign-in could not load. Check your connection, or use an email link below." />
      )}
      <p className="sign-in-divider muted">or get a sign-in link by email</p>
    </div>
  );
}
