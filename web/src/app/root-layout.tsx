import { useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { ClerkLoader } from '../features/auth/clerk/clerk-loader';
import { countPageView } from '../features/privacy/usage';

/**
 * The root of every page: after each navigation (not the first load), focus moves to the new
 * page's h1 so screen-reader and keyboard users start at the top of the new content.
 */
export function RootLayout() {
  const { pathname } = useLocation();
  const previousPathname = useRef(pathname);

  useEffect(() => {
    countPageView(pathname);
  }, [pathname]);

  useEffect(() => {
    if (previousPathname.current === pathname) return;
    previousPathname.current = pathname;
    const heading = document.querySelector<HTMLElement>('[data-page-heading]');
    const target = heading ?? document.getElementById('main');
    target?.focus();
  }, [pathname]);

  return (
    <>
      <Outlet />
      <ClerkLoader />
      <ScrollRestoration />
    </>
  );
}
