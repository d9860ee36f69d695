import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { describeError } from '../../lib/api/problem';
import { TextField } from '../../lib/ui/field';
import { ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useAccountDeletion, useDeleteAccount } from './deletion-hooks';
import { DeletionSummary } from './deletion-summary';

/**
 * The danger zone of the account page (P-RIGHT-3): offers the export first, says what happens to
 * each workspace (and any legal hold), and deletes only after the person types their email or DELETE.
 */
export function DeleteAccountSection({ email }: { email: string }) {
  const deletion = useAccountDeletion();
  const deleteAccount = useDeleteAccount();
  const navigate = useNavigate();
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | undefined>();
  const typed = confirmation.trim();
  const isConfirmed = typed === 'DELETE' || typed.toLowerCase() === email.toLowerCase();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isConfirmed) {
      setError(`Type ${email} or DELETE to confirm.`);
      return;
    }
    setError(undefined);
    deleteAccount.mutate(typed, {
      onSuccess: (status) => {
        void navigate('/account/deleted', { replace: true, state: { purgeAfter: status.purgeAfter } });
      },
    });
  };

  return (
    <section
      className="section card"
      aria-labelledby="delete-account-heading"
      data-testid="account-delete-section"
    >
      <h2 id="delete-account-heading">Delete my account</h2>
      <p>
        Before you go,{' '}
        <Link to="/account/export" data-testid="account-export-link">
          export your data
        </Link>
        : a ZIP of every record and file you can keep.
      </p>
      <p>
        Deleting hides your account at once: you are signed out everywhere and the API keys you created stop
        working. For 30 days you can sign in and restore everything as it was. After that it is deleted for
        good.
      </p>
      {deletion.isPending ? (
        <Loading label="Loading what would be deleted…" />
      ) : deletion.isError ? (
        <ErrorState error={deletion.error} onRetry={() => void deletion.refetch()} />
      ) : (
        <DeletionSummary deletion={deletion.data} />
      )}
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label={`Type your email (${email}) or DELETE to confirm`}
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          error={error}
          autoComplete="off"
          data-testid="delete-confirmation"
        />
        <FormAlert message={deleteAccount.isError ? describeError(deleteAccount.error) : undefined} />
        <button
          type="submit"
          className="button button-danger"
          disabled={deleteAccount.isPending}
          data-testid="delete-account-submit"
        >
          {deleteAccount.isPending ? 'Deleting…' : 'Delete my account'}
        </button>
      </form>
    </section>
  );
}
