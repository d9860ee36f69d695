import { Link } from 'react-router';
import { formatDateTime } from '../../lib/dates';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, Loading } from '../../lib/ui/status';
import { useCurrentUser } from '../auth/current-user';
import { ROLE_LABELS } from '../workspaces/permissions';
import { DeleteAccountSection } from './delete-account-section';
import { ProfileSection } from './profile-section';
import { useSignIns } from './hooks';
import { describeUserAgent } from './user-agent';

const METHOD_LABELS: Record<string, string> = { 'magic-link': 'Email link', clerk: 'Clerk' };

/** The person's profile (correctable, P-RIGHT-2), workspaces and recent sign-ins (P-AUTH-4). */
export function AccountPage() {
  const me = useCurrentUser();
  const signIns = useSignIns();

  return (
    <>
      <PageHeader
        title="Account"
        actions={
          <Link to="/account/export" className="button" data-testid="account-export">
            Export my data
          </Link>
        }
      />
      <ProfileSection user={me.user} />

      <section className="section card" aria-labelledby="email-heading">
        <h2 id="email-heading">Email</h2>
        <p>
          Service emails about your account are always sent. Optional emails (tips, resources, product news)
          are off until you choose them.
        </p>
        <p>
          <Link to="/account/email" data-testid="nav-email-preferences">
            Email preferences
          </Link>
        </p>
      </section>

      <section className="section" aria-labelledby="account-workspaces-heading">
        <h2 id="account-workspaces-heading">Your workspaces</h2>
        {me.workspaces.length === 0 ? (
          <EmptyState title="No workspaces" action={<Link to="/workspaces">Create one</Link>} />
        ) : (
          <ul className="card-list">
            {me.workspaces.map((workspace) => (
              <li key={workspace.id} className="card card-row">
                <Link to={`/w/${encodeURIComponent(workspace.id)}/incidents`}>{workspace.name}</Link>
                <span className="badge">{ROLE_LABELS[workspace.role]}</span>
                <Link
                  to={`/w/${encodeURIComponent(workspace.id)}/feedback/mine`}
                  className="small"
                  aria-label={`Your feedback in ${workspace.name}`}
                  data-testid="account-my-feedback"
                >
                  Your feedback
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="sign-ins-heading">
        <h2 id="sign-ins-heading">Recent sign-ins</h2>
        <p className="muted small">
          Each time someone signs in to your account it is listed here. If you do not recognise one, sign out
          and contact support.
        </p>
        {signIns.isPending ? (
          <Loading label="Loading sign-ins…" />
        ) : signIns.isError ? (
          <ErrorState error={signIns.error} onRetry={() => void signIns.refetch()} />
        ) : signIns.data.items.length === 0 ? (
          <EmptyState title="No sign-ins recorded yet" />
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="sign-ins">
              <caption className="visually-hidden">Recent sign-ins, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">How</th>
                  <th scope="col">Device</th>
                </tr>
              </thead>
              <tbody>
                {signIns.data.items.map((signIn, index) => (
                  <tr key={`${signIn.at}-${index}`} data-testid="sign-in-row">
                    <td data-label="When">
                      <time dateTime={signIn.at}>{formatDateTime(signIn.at)}</time>
                    </td>
                    <td data-label="How">{METHOD_LABELS[signIn.method] ?? signIn.method}</td>
                    <td data-label="Device" title={signIn.userAgent}>
                      {describeUserAgent(signIn.userAgent)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <DeleteAccountSection email={me.user.email} />
    </>
  );
}
