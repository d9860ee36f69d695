import { describeError } from '../../lib/api/problem';
import { ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useDecideCompletion, usePendingCompletions, type ReportedCompletion } from './completion-hooks';

function CompletionRow({ workspaceId, completion }: { workspaceId: string; completion: ReportedCompletion }) {
  const decide = useDecideCompletion(workspaceId);
  const onDecide = (decision: 'accept' | 'decline') =>
    decide.mutate({ completionId: completion.id, decision });
  return (
    <li className="card" data-testid="pending-completion">
      <h3>{completion.courseTitle}</h3>
      <p>
        Reported by {completion.providerName} · {completion.completedOn} · {completion.hours} h ·{' '}
        {completion.category}
        {completion.certificateNumber !== undefined && ` · certificate ${completion.certificateNumber}`}
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={decide.isPending}
          onClick={() => onDecide('accept')}
          aria-label={`Accept ${completion.courseTitle}`}
        >
          Accept
        </button>
        <button
          type="button"
          className="button"
          disabled={decide.isPending}
          onClick={() => onDecide('decline')}
          aria-label={`Decline ${completion.courseTitle}`}
        >
          Decline
        </button>
      </div>
      {decide.isError && <FormAlert message={describeError(decide.error)} />}
    </li>
  );
}

/**
 * Completions training providers reported, waiting for the person: accepting adds the activity
 * (counted like any other), declining adds nothing. Shown only when some wait.
 */
export function PendingCompletions({ workspaceId, canWrite }: { workspaceId: string; canWrite: boolean }) {
  const pending = usePendingCompletions(workspaceId);
  if (pending.isPending) return <Loading label="Loading reported completions…" />;
  if (pending.isError) return <ErrorState error={pending.error} onRetry={() => void pending.refetch()} />;
  if (pending.data.items.length === 0) return null;
  return (
    <section className="section" aria-labelledby="pending-completions-heading">
      <h2 id="pending-completions-heading">Reported by your providers</h2>
      <p>
        Training providers you linked reported these. Accept each to add it to your activities, or decline it.
      </p>
      {canWrite ? (
        <ul className="card-list" data-testid="pending-completions">
          {pending.data.items.map((completion) => (
            <CompletionRow key={completion.id} workspaceId={workspaceId} completion={completion} />
          ))}
        </ul>
      ) : (
        <p className="muted">{pending.data.items.length} waiting for someone who can edit credentials.</p>
      )}
    </section>
  );
}
