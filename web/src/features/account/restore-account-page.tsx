import { Navigate, useNavigate } from 'react-router';
import { describeError, isApiError } from '../../lib/api/problem';
import { formatDateTime } from '../../lib/dates';
import { useDocumentTitle } from '../../lib/ui/page';
import { ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useSignOut } from '../auth/hooks';
import { useAccountDeletion, useRestoreAccount } from './deletion-hooks';
import { ExportsSection } from '../privacy/export-page';
import { DeletionSummary } from './deletion-summary';

/**
 * Where a sign-in to an account scheduled for deletion lands: the only thing it can do is see
 * when the deletion becomes final and restore the account (P-RIGHT-3).
 */
export function RestoreAccountPage() {
  useDocumentTitle('Restore your account');
  const deletion = useAccountDeletion();
  const restore = useRestoreAccount();
  const signOut = useSignOut();
  const navigate = useNavigate();

  if (deletion.isPending) return <Loading label="Loading your account…" />;
  if (deletion.isError) {
    if (isApiError(deletion.error, { status: 401 })) return <Navigate to="/sign-in" replace />;
    return <ErrorState error={deletion.error} onRetry={() => void deletion.refetch()} />;
  }
  if (deletion.data.state === 'active') return <Navigate to="/" replace />;

  return (
    <div data-testid="restore-page">
      <h1 tabIndex={-1} data-page-heading="">
        Your account is scheduled for deletion
      </h1>
      <p>
        It will be deleted for good on{' '}
        <strong data-testid="restore-purge-after">
          {deletion.data.purgeAfter === undefined
            ? 'the end of the grace period'
            : formatDateTime(deletion.data.purgeAfter)}
        </strong>
        . Until then nothing is lost: restore it and your workspaces, records, files and API keys come back as
        they were.
      </p>
      <DeletionSummary deletion={deletion.data} />
      <ExportsSection title="Keep a copy of your data" />
      <FormAlert message={restore.isError ? describeError(restore.error) : undefined} />
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={restore.isPending}
          onClick={() =>
            restore.mutate(undefined, { onSuccess: () => void navigate('/', { replace: true }) })
          }
          data-testid="restore-submit"
        >
          {restore.isPending ? 'Restoring…' : 'Restore my account'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() =>
            signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })
          }
        >
          Keep it deleted and sign out
        </button>
      </div>
    </div>
  );
}
