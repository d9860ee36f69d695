import { ClerkProvider, useAuth, useClerk } from '@clerk/react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { queryKeys } from '../../../lib/api/query-keys';
import { rememberClerkSignIn, setClerkControls } from './clerk-session';

/**
 * Hands Clerk's session to the rest of the app: its token for API calls, its sign-in and
 * sign-out. Renders nothing; the app's own pages stay outside ClerkProvider, so loading Clerk
 * never remounts them.
 */
function ClerkBridge() {
  const { isLoaded, isSignedIn, getToken, signOut } = useAuth();
  const clerk = useClerk();
  const queryClient = useQueryClient();
  const wasSignedIn = useRef<boolean | undefined>(undefined);

  useEffect(() => {
    if (!isLoaded) return;
    setClerkControls({
      getToken: () => getToken(),
      openSignIn: (redirectTo) => clerk.openSignIn({ forceRedirectUrl: redirectTo }),
      signOut: () => signOut(),
    });
    return () => setClerkControls(undefined);
  }, [isLoaded, getToken, signOut, clerk]);

  // A change of Clerk session changes who the API sees. Signed in (through Clerk's form): ask the
  // API again. Signed out (here or in another tab): the person is signed out at once, without a
  // call that would only answer 401 (which the browser logs as an error).
  useEffect(() => {
    if (!isLoaded) return;
    rememberClerkSignIn(isSignedIn);
    if (wasSignedIn.current !== undefined && wasSignedIn.current !== isSignedIn) {
      if (isSignedIn) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.sessionStatus });
        void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      } else {
        queryClient.setQueryData(queryKeys.sessionStatus, { isSignedIn: false });
        queryClient.setQueryData(queryKeys.me, null);
      }
    }
    wasSignedIn.current = isSignedIn;
  }, [isLoaded, isSignedIn, queryClient]);

  return null;
}

/** Loads Clerk (clerk-js from Clerk's servers, as the publishable key names them) and bridges it. */
export default function ClerkSession({ publishableKey }: { publishableKey: string }) {
  const navigate = useNavigate();
  return (
    <ClerkProvider
      publishableKey={publishableKey}
      // Clerk's redirects (after its sign-in, after sign-out) stay inside the SPA's router.
      routerPush={(to) => void navigate(to)}
      routerReplace={(to) => void navigate(to, { replace: true })}
      afterSignOutUrl="/sign-in"
    >
      <ClerkBridge />
    </ClerkProvider>
  );
}
