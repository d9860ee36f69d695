import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { PageHeader } from '../../lib/ui/page';
import { Loading } from '../../lib/ui/status';

const TABS = [
  { to: 'licenses', label: 'Licenses' },
  { to: 'activities', label: 'CE activities' },
  { to: 'progress', label: 'Progress' },
] as const;

/** The credentials area: licenses, CE activities and each renewal cycle's progress. */
export function CredentialsLayout() {
  return (
    <>
      <PageHeader
        title="Credentials and CE"
        description="Your licenses, their renewal cycles and the continuing-education hours each one needs. Holdfast does the arithmetic; the licensing board’s current rule is what counts."
      />
      <nav className="sub-nav" aria-label="Credentials sections">
        <ul>
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} data-testid={`credentials-tab-${tab.to}`}>
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </>
  );
}
