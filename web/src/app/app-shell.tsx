import { Link, NavLink, useMatch, useNavigate } from 'react-router';
import { FeedbackButton } from '../features/feedback/feedback-dialog';
import { PolicyBanner } from '../features/privacy/policy-banner';
import { hasPermission } from '../features/workspaces/permissions';
import { useCurrentUser } from '../features/auth/current-user';
import { useSignOut } from '../features/auth/hooks';
import { nameToShow } from '../features/account/profile-checks';
import { WorkspaceSwitcher } from './workspace-switcher';
import { BrandMark, SiteFooter } from './public-layout';
import { PageOutlet } from './page-outlet';
import { QuickExit } from '../features/safety/quick-exit';
import { StepUpDialog } from '../features/security/step-up-dialog';
import { useBilling } from '../features/billing/hooks';
import type { Permission } from '../features/workspaces/permissions';
import { AreaNav } from './nav/area-nav';
import { useNavMenu } from './nav/nav-menu';

/**
 * The signed-in frame: skip link, header with workspace switcher and sign-out, and in a workspace
 * its pages grouped by area (a side column on wide screens, a Menu button's panel on a phone).
 */
export function AppShell() {
  const me = useCurrentUser();
  const workspaceMatch = useMatch('/w/:workspaceId/*');
  const workspaceId = workspaceMatch?.params.workspaceId;
  const current = me.workspaces.find((workspace) => workspace.id === workspaceId);
  const can = (permission: Permission) => current !== undefined && hasPermission(current, permission);
  // The plan's modules decide which areas show; the billing banners read the same query.
  const billing = useBilling(workspaceId ?? '', { enabled: workspaceId !== undefined });
  const menu = useNavMenu();
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
          {workspaceId !== undefined && (
            <button
              type="button"
              className="button button-quiet nav-menu-button"
              aria-expanded={menu.isOpen}
              aria-controls="area-nav"
              onClick={menu.onToggle}
              ref={menu.buttonRef}
              data-testid="nav-menu"
            >
              Menu
            </button>
          )}
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
            {me.workspaces.some((workspace) => workspace.role === 'professional') && (
              <NavLink to="/shared" className="header-link" data-testid="nav-shared">
                Shared with you
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
      </header>
      <div className="app-body">
        {workspaceId !== undefined && (
          <nav
            id="area-nav"
            className="area-nav"
            aria-label="Workspace sections"
            data-open={menu.isOpen}
            ref={menu.panelRef}
          >
            <AreaNav
              workspaceId={workspaceId}
              can={can}
              modules={billing.data?.entitlements.modules}
              onNavigate={menu.onClose}
            />
          </nav>
        )}
        <main id="main" tabIndex={-1} className="app-main">
          <PolicyBanner />
          <PageOutlet />
        </main>
      </div>
      <StepUpDialog />
      <SiteFooter />
    </div>
  );
}
