import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { Loading } from '../lib/ui/status';

/** The child route's page; a page that loads with its own chunk shows "Loading…" meanwhile, in the frame. */
export function PageOutlet() {
  return (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );
}
