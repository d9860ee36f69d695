import { Link, NavLink, useMatch, useNavigate } from 'react-router';
import { FeedbackButton } from '../features/feedback/feedback-dialog';
import { PolicyBanner } from '../features/privacy/policy-banner';
import { hasPermission, type Permission } from '../features/workspaces/permissions';
import { useCurrentUser } from '../features/auth/current-user';
import { useSignOut } from '../features/auth/hooks';
import { nameToShow } from '../features/account/profile-checks';
import { WorkspaceSwitcher } from './workspace-switcher';
import { BrandMark, SiteFooter } from './public-layout';
import { PageOutlet } from './page-outlet';
import { QuickExit } from '../features/safety/quick-exit';
import { StepUpDialog } from '../features/security/step-up-dialog';

const SECTIONS: { path: string; label: string; permission?: Permission }[] = [
  { path: 'incidents', label: 'Incidents' },
  { path: 'timeline', label: 'Timeline' },
  { path: 'communications', label: 'Communications' },
  { path: 'summaries', label: 'Summaries' },
  { path: 'report', label: 'Court report' },
  { path: 'documents', label: 'Documents' },
  { path: 'wellbeing', label: 'Wellbeing' },
  { path: 'credentials', label: 'Credentials', permission: 'credentials:read' },
  { path: 'practice', label: 'Practice' },
  { path: 'library', label: 'Library' },
  { path: 'audit', label: 'Audit log' },
  { path: 'members', label: 'Members' },
  { path: 'api-keys', label: 'API keys' },
  { path: 'feedback', label: 'Feedback', permission: 'feedback:manage' },
  { path: 'billing', label: 'Plan' },
];

/** The signed-in frame: skip link, header with workspace switcher and sign-out, section navigation. */
export function AppShell() {
  const me = useCurrentUser();
  const workspaceMatch = useMatch('/w/:workspaceId/*');
  const workspaceId = workspaceMatch?.params.workspaceId;
  const current = me.workspaces.find((workspace) => workspace.id === workspaceId);
  const sections = SECTIONS.filter(
    (section) =>
      section.permission === undefined ||
      (current !== undefined && hasPermission(current, section.permission)),
  );
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
            {workspaceId !== undefined && <QuickExit workspaceId={workspaceId} />}
            {workspaceId !== undefined && <FeedbackButton workspaceId={workspaceId} />}
            <span className="header-user" data-testid="shell-user-name">
              <span className="visually-hidden">Signed in as </span>
              {nameToShow(me.user)}
            </span>
            {me.isPlatformAdmin && (
              <NavLink to="/admin/usage" className="header-link" data-testid="nav-usage">
                Usage
              </NavLink>
            )}
            <NavLink to="/account" className="header-link" data-testid="nav-account">
              Account
            </NavLink>
            <NavLink to="/account/security" className="header-link" data-testid="nav-security">
              Security
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
              {sections.map((section) => (
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
        <PolicyBanner />
        <PageOutlet />
      </main>
      <StepUpDialog />
      <SiteFooter />
    </div>
  );
}
