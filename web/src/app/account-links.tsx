import { NavLink, useNavigate } from 'react-router';
import { FeedbackButton } from '../features/feedback/feedback-dialog';
import { useCurrentUser } from '../features/auth/current-user';
import { useSignOut } from '../features/auth/hooks';
import { nameToShow } from '../features/account/profile-checks';

/**
 * The person's own links: feedback (in a workspace), who is signed in, usage for operators,
 * what is shared with them, their account and security, and sign-out. Shown in the header on
 * wide screens and inside the Menu on narrow ones, where the header has room for one row.
 */
export function AccountLinks({ workspaceId }: { workspaceId: string | undefined }) {
  const me = useCurrentUser();
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
    <>
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
    </>
  );
}
