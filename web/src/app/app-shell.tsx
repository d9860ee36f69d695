import { Link, useMatch } from 'react-router';
import { PolicyBanner } from '../features/privacy/policy-banner';
import { hasPermission } from '../features/workspaces/permissions';
import { useCurrentUser } from '../features/auth/current-user';
import { WorkspaceSwitcher } from './workspace-switcher';
import { BrandMark, SiteFooter } from './public-layout';
import { PageOutlet } from './page-outlet';
import { QuickExit } from '../features/safety/quick-exit';
import { StepUpDialog } from '../features/security/step-up-dialog';
import { useBilling } from '../features/billing/hooks';
import type { Permission } from '../features/workspaces/permissions';
import { AreaNav } from './nav/area-nav';
import { useNavMenu } from './nav/nav-menu';
import { useIsNarrow } from './nav/use-is-narrow';
import { AccountLinks } from './account-links';

/**
 * The signed-in frame: skip link, header with workspace switcher and sign-out, and in a workspace
 * its pages grouped by area (a side column on wide screens, a Menu button's panel on a phone).
 * On a phone in a workspace the account links move into the Menu too, so the header keeps to the
 * brand, the Menu, quick exit and the workspace switcher.
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
  // Outside a workspace there is no Menu, so the account links stay in the header.
  const isAccountInMenu = useIsNarrow() && workspaceId !== undefined;

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
            {/* Quick exit stays in the header on every screen: it must be one tap away. */}
            {workspaceId !== undefined && <QuickExit workspaceId={workspaceId} />}
            {!isAccountInMenu && <AccountLinks workspaceId={workspaceId} />}
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
            {isAccountInMenu && (
              <section className="area-nav-group area-nav-account" aria-labelledby="nav-area-account">
                <h2 className="area-nav-heading" id="nav-area-account">
                  Your account
                </h2>
                <div className="account-menu">
                  <AccountLinks workspaceId={workspaceId} />
                </div>
              </section>
            )}
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
