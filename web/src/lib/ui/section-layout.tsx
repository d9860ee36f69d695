import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { PageHeader } from './page';
import { Loading } from './status';

export type SectionTab = { to: string; label: string };

/**
 * An area with its own sub-navigation (wellbeing, credentials): a header, the tabs as links, and
 * the chosen page, which may still be loading its own chunk.
 */
export function SectionLayout(props: {
  title: string;
  description: string;
  /** Names the sub-navigation for screen readers, e.g. "Wellbeing sections". */
  navLabel: string;
  /** Each tab's test id is `${testIdPrefix}-tab-${tab.to}`. */
  testIdPrefix: string;
  tabs: readonly SectionTab[];
}) {
  return (
    <>
      <PageHeader title={props.title} description={props.description} />
      <nav className="sub-nav" aria-label={props.navLabel}>
        <ul>
          {props.tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} data-testid={`${props.testIdPrefix}-tab-${tab.to}`}>
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
