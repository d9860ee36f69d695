import { Link, useLocation } from 'react-router';
import { formatDateTime } from '../../lib/dates';
import { useDocumentTitle } from '../../lib/ui/page';

/** Shown right after the account is deleted: when it becomes final, and how to undo it. */
export function AccountDeletedPage() {
  useDocumentTitle('Account deleted');
  const location = useLocation();
  const purgeAfter = (location.state as { purgeAfter?: string } | null)?.purgeAfter;
  return (
    <div data-testid="account-deleted">
      <h1 tabIndex={-1} data-page-heading="">
        Your account is scheduled for deletion
      </h1>
      <p>
        You are signed out. We emailed you a notice.
        {purgeAfter === undefined ? '' : ` Until ${formatDateTime(purgeAfter)}`} you can sign in again and
        restore everything as it was; after that it is deleted for good.
      </p>
      <p>
        <Link to="/sign-in">Sign in to restore it</Link>
      </p>
    </div>
  );
}
