import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import { useAuthConfig } from '../hooks';
import { ClerkBoundary } from './clerk-boundary';
import {
  abandonClerk,
  getRequestedClerkKey,
  requestClerk,
  subscribeToClerk,
  wasSignedInWithClerk,
} from './clerk-session';

// Its own chunk: only a deployment that signs in with Clerk downloads @clerk/react.
const ClerkSession = lazy(() => import('./clerk-bridge'));

/**
 * Loads Clerk when it is asked for: by the sign-in page of a Clerk deployment, or at start when
 * this browser last signed in through Clerk (then the API's config decides). Renders nothing else,
 * so a magic-link deployment neither downloads Clerk nor asks the API anything more.
 */
export function ClerkLoader() {
  const publishableKey = useSyncExternalStore(subscribeToClerk, getRequestedClerkKey);
  const config = useAuthConfig({ isEnabled: publishableKey === undefined && wasSignedInWithClerk() });

  useEffect(() => {
    if (publishableKey !== undefined || config.fetchStatus !== 'idle') return;
    if (config.data?.provider === 'clerk' && config.data.clerkPublishableKey !== undefined)
      requestClerk(config.data.clerkPublishableKey);
    else if (config.isSuccess || config.isError) abandonClerk();
  }, [publishableKey, config.data, config.fetchStatus, config.isSuccess, config.isError]);

  if (publishableKey === undefined) return null;
  return (
    <ClerkBoundary onFailure={abandonClerk}>
      <Suspense fallback={null}>
        <ClerkSession publishableKey={publishableKey} />
      </Suspense>
    </ClerkBoundary>
  );
}
