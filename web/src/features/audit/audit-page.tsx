import { useState } from 'react';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, LoadMore, Loading } from '../../lib/ui/status';
import { describeError } from '../../lib/api/problem';
import type { AuditEntry, AuditKind } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { describeAction, describeVerification, formatDetails, shortHash } from './audit-format';
import { useAuditLog, useVerifyAuditChain } from './hooks';

const KIND_LABELS: Record<AuditKind, string> = { changes: 'Changes', reads: 'Reads', all: 'Everything' };

const KIND_DESCRIPTIONS: Record<AuditKind, string> = {
  changes: 'Every change to this workspace’s records, newest first.',
  reads: 'Every read of wellbeing records and every read by a professional, newest first.',
  all: 'Every change and every logged read, newest first.',
};

/** The workspace's append-only audit log, narrowed to changes or reads, with a check of its hash chain (P-AUD-2). */
export function AuditPage() {
  const { workspaceId } = useCurrentWorkspace();
  const [kind, setKind] = useState<AuditKind>('changes');
  const log = useAuditLog(workspaceId, kind);
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Audit log"
        description="What happened in this workspace, who did it and when. Entries cannot be edited or deleted, and each one is chained to the one before it by a hash."
      />
      <VerifyChain workspaceId={workspaceId} />
      <section className="section" aria-labelledby="entries-heading">
        <h2 id="entries-heading">Entries</h2>
        <fieldset className="segmented" aria-label="Show" data-testid="audit-filter">
          {(Object.keys(KIND_LABELS) as AuditKind[]).map((value) => (
            <label key={value} className="segmented-option">
              <input
                type="radio"
                name="audit-kind"
                value={value}
                checked={kind === value}
                onChange={() => setKind(value)}
                data-testid={`audit-filter-${value}`}
              />
              {KIND_LABELS[value]}
            </label>
          ))}
        </fieldset>
        <p className="muted small">{KIND_DESCRIPTIONS[kind]}</p>
        {log.isPending ? (
          <Loading label="Loading the audit log…" />
        ) : log.isError && !log.isFetchNextPageError ? (
          <ErrorState error={log.error} onRetry={() => void log.refetch()} />
        ) : entries.length === 0 && !log.hasNextPage ? (
          <EmptyState title={kind === 'reads' ? 'No reads logged' : 'No entries yet'} />
        ) : (
          <>
            <ol className="audit-list" data-testid="audit-table" aria-label="Audit entries, newest first">
              {entries.map((entry) => (
                <AuditItem key={entry.seq} entry={entry} />
              ))}
            </ol>
            <LoadMore query={log} label="Load older entries" testId="audit-load-more" />
            {log.isFetchNextPageError && <FormAlert message={describeError(log.error)} />}
          </>
        )}
      </section>
    </>
  );
}

/** One entry: when, who, what and on which record at a glance; its details and hashes folded below. */
function AuditItem({ entry }: { entry: AuditEntry }) {
  const details = formatDetails(entry.details);
  return (
    <li className="audit-item" data-testid="audit-entry">
      <div className="audit-summary">
        <time className="audit-when" dateTime={entry.at}>
          {formatDateTime(entry.at)}
        </time>
        <span className="audit-who">
          {entry.actor.label}
          {entry.actor.type !== 'user' && <span className="muted small"> ({entry.actor.type})</span>}
        </span>
        <span className="audit-what">{describeAction(entry.action)}</span>
        <span className="audit-target muted small">
          {entry.target.type} <code>{entry.target.id}</code>
        </span>
      </div>
      <details className="audit-details">
        <summary>
          Details and hash <code>{shortHash(entry.hash)}</code> (#{entry.seq})
        </summary>
        {details.length > 0 && (
          <ul className="plain-list small">
            {details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        <dl className="meta-list small">
          <dt>Action</dt>
          <dd>
            <code>{entry.action}</code>
          </dd>
          <dt>Hash</dt>
          <dd>
            <code data-testid="audit-hash">{entry.hash}</code>
          </dd>
          <dt>Previous</dt>
          <dd>
            <code>{entry.prevHash}</code>
          </dd>
        </dl>
      </details>
    </li>
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
