import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, LoadMore, Loading } from '../../lib/ui/status';
import { describeError } from '../../lib/api/problem';
import type { AuditEntry } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { describeAction, describeVerification, formatDetails, shortHash } from './audit-format';
import { useAuditLog, useVerifyAuditChain } from './hooks';

/** The workspace's append-only audit log, with a check of its hash chain (P-AUD-2). */
export function AuditPage() {
  const { workspaceId } = useCurrentWorkspace();
  const log = useAuditLog(workspaceId);
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to this workspace’s records, newest first. Entries cannot be edited or deleted, and each one is chained to the one before it by a hash."
      />
      <VerifyChain workspaceId={workspaceId} />
      <section className="section" aria-labelledby="entries-heading">
        <h2 id="entries-heading">Entries</h2>
        {log.isPending ? (
          <Loading label="Loading the audit log…" />
        ) : log.isError && !log.isFetchNextPageError ? (
          <ErrorState error={log.error} onRetry={() => void log.refetch()} />
        ) : entries.length === 0 ? (
          <EmptyState title="No entries yet" />
        ) : (
          <>
            <div className="table-wrap">
              <table className="table audit-table" data-testid="audit-table">
                <caption className="visually-hidden">Audit entries, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Details</th>
                    <th scope="col">Hash</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <AuditRow key={entry.seq} entry={entry} />
                  ))}
                </tbody>
              </table>
            </div>
            <LoadMore query={log} label="Load older entries" testId="audit-load-more" />
            {log.isFetchNextPageError && <FormAlert message={describeError(log.error)} />}
          </>
        )}
      </section>
    </>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const details = formatDetails(entry.details);
  return (
    <tr data-testid="audit-entry">
      <td data-label="#">{entry.seq}</td>
      <td data-label="When">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </td>
      <td data-label="Who">
        <div>
          {entry.actor.label}
          {entry.actor.type !== 'user' && <span className="muted small"> ({entry.actor.type})</span>}
        </div>
      </td>
      <td data-label="What">
        <div>
          {describeAction(entry.action)}
          <span className="muted small block">
            {entry.target.type} <code>{entry.target.id}</code>
          </span>
        </div>
      </td>
      <td data-label="Details">
        {details.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ul className="plain-list small">
            {details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </td>
      <td data-label="Hash">
        <code title={`hash ${entry.hash}\nprevious ${entry.prevHash}`}>{shortHash(entry.hash)}</code>
      </td>
    </tr>
  );
}

function VerifyChain({ workspaceId }: { workspaceId: string }) {
  const verify = useVerifyAuditChain(workspaceId);
  const result = verify.data;
  const tone = verify.isError ? 'error' : result === undefined ? 'idle' : result.isValid ? 'valid' : 'broken';

  return (
    <section className={`card verify verify-${tone}`} aria-labelledby="verify-heading">
      <h2 id="verify-heading">Check the chain</h2>
      <p className="muted small">
        Re-computes every entry’s hash from the first one. Any changed, removed or inserted entry breaks the
        chain.
      </p>
      <div className="verify-row">
        <button
          type="button"
          className="button button-primary"
          onClick={() => verify.mutate()}
          disabled={verify.isPending}
          data-testid="audit-verify"
        >
          {verify.isPending ? 'Verifying…' : 'Verify chain'}
        </button>
        <p
          className="verify-status"
          role="status"
          aria-live="polite"
          data-testid="audit-verify-status"
          data-state={verify.isPending ? 'pending' : tone}
        >
          {verify.isPending ? (
            'Verifying…'
          ) : verify.isError ? (
            `The check could not run: ${describeError(verify.error)}`
          ) : result === undefined ? (
            'Not checked yet.'
          ) : (
            <>
              <span aria-hidden="true" className="verify-icon">
                {result.isValid ? '✓' : '✗'}
              </span>{' '}
              {describeVerification(result)}
            </>
          )}
        </p>
      </div>
    </section>
  );
}
