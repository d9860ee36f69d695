import { Link, NavLink, Outlet, useMatch, useNavigate } from 'react-router';
import { useCurrentUser } from '../features/auth/current-user';
import { useSignOut } from '../features/auth/hooks';
import { WorkspaceSwitcher } from './workspace-switcher';
import { BrandMark } from './public-layout';

const SECTIONS = [
  { path: 'incidents', label: 'Incidents' },
  { path: 'timeline', label: 'Timeline' },
  { path: 'wellbeing', label: 'Wellbeing' },
  { path: 'audit', label: 'Audit log' },
  { path: 'members', label: 'Members' },
  { path: 'api-keys', label: 'API keys' },
] as const;

/** The signed-in frame: skip link, header with workspace switcher and sign-out, section navigation. */
export function AppShell() {
  const me = useCurrentUser();
  const workspaceMatch = useMatch('/w/:workspaceId/*');
  const workspaceId = workspaceMatch?.params.workspaceId;
  const signOut = useSignOut();
  const navigate = useNavigate();

  const onSignOut = () => {
    signOut.mutate(undefined, {
      onSettled: () => {
        void navigate('/sign-in', { replace: true });
      },
    });
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="header-bar">
          <Link to="/" className="brand">
            <BrandMark />
            <span>Holdfast</span>
          </Link>
          <WorkspaceSwitcher workspaces={me.workspaces} currentId={workspaceId} userId={me.user.id} />
          <nav className="account-nav" aria-label="Account">
            <NavLink to="/account" className="header-link" data-testid="nav-account">
              Account
            </NavLink>
            <button
              type="button"
              className="button button-quiet"
              onClick={onSignOut}
              disabled={signOut.isPending}
              data-testid="sign-out"
            >
              {signOut.isPending ? 'Signing out…' : 'Sign out'}
            </button>
          </nav>
        </div>
        {workspaceId !== undefined && (
          <nav className="section-nav" aria-label="Workspace sections">
            <ul>
              {SECTIONS.map((section) => (
                <li key={section.path}>
                  <NavLink
                    to={`/w/${encodeURIComponent(workspaceId)}/${section.path}`}
                    data-testid={`nav-${section.path}`}
                  >
                    {section.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <footer className="app-footer">Holdfast keeps records that hold up.</footer>
    </div>
  );
}
