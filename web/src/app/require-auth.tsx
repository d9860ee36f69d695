import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { isApiError } from '../lib/api/problem';
import { ErrorState, Loading } from '../lib/ui/status';
import { CurrentUserContext } from '../features/auth/current-user';
import { useMe } from '../features/auth/hooks';
import { usePolicyStatus } from '../features/privacy/hooks';

/** Renders its routes for a signed-in person; sends anyone else to /sign-in, remembering where they were going. */
export function RequireAuth() {
  const me = useMe();
  // Read beside the user, so the policy banner is there when the shell first draws: arriving
  // later, it would push the whole page down (a layout shift).
  const policyStatus = usePolicyStatus();
  const location = useLocation();

  if (me.isPending || (me.isSuccess && me.data !== null && policyStatus.isPending)) return <BootLoading />;
  // An account scheduled for deletion signs in only to the restore offer.
  if (isApiError(me.error, { code: 'account_pending_deletion' }))
    return <Navigate to="/account/restore" replace />;
  if (me.isError) {
    return (
      <div className="boot">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} title="Holdfast could not load" />
      </div>
    );
  }
  if (me.data === null) {
    const next = `${location.pathname}${location.search}`;
    const search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/sign-in${search}`} replace />;
  }
  return (
    <CurrentUserContext.Provider value={me.data}>
      {/* The signed-in frame loads with its own chunk; until it has, the same loading line stays. */}
      <Suspense fallback={<BootLoading />}>
        <Outlet />
      </Suspense>
    </CurrentUserContext.Provider>
  );
}

/** The loading line index.html paints first, so nothing moves until the page itself draws. */
export function BootLoading() {
  return (
    <div className="boot">
      <Loading label="Loading Holdfast…" />
    </div>
  );
}
