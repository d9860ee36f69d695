import { describeError } from '../../lib/api/problem';
import type { DataExport } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { CopyButton } from '../../lib/ui/copy-button';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, Loading, Notice } from '../../lib/ui/status';
import { formatSize } from '../documents/upload';
import { useExportKey, useExports, useStartExport } from './export-hooks';

const PHASE_LABELS: Record<DataExport['phase'], string> = {
  queued: 'Starting…',
  records: 'Writing your records…',
  files: 'Adding your files…',
  signing: 'Signing the manifest…',
  done: 'Done',
};

/** Export everything at any time (P-RIGHT-1): start it, watch it build, download it, verify it offline. */
export function ExportPage() {
  const key = useExportKey();
  return (
    <>
      <PageHeader
        title="Export your data"
        description="A ZIP of everything you can read: your records as JSON and CSV, your files, each workspace’s audit log, and a manifest of SHA-256 fingerprints signed by Holdfast. Exporting changes and deletes nothing."
      />
      <ExportsSection title="Your exports" />
      <section className="section card" aria-labelledby="verify-heading">
        <h2 id="verify-heading">Check an export</h2>
        <p>
          Anyone can check an export offline — a court, an attorney, you — with the verifier in the Holdfast
          repository. It recomputes every fingerprint, checks the signature and re-walks each audit log:
        </p>
        <pre className="code-block">
          <code>pnpm holdfast verify holdfast-export.zip</code>
        </pre>
        {key.data !== undefined && (
          <p>
            Exports are signed with key <code data-testid="export-key-id">{key.data.keyId}</code>; the public
            key is published at{' '}
            <a href="/.well-known/holdfast-export-key">/.well-known/holdfast-export-key</a>.
          </p>
        )}
      </section>
    </>
  );
}

/**
 * Start an export and follow the person's exports. Also on the restore page: during a deletion's
 * grace period a copy can still be asked for (P-RIGHT-3).
 */
export function ExportsSection({ title }: { title: string }) {
  const exports = useExports();
  const start = useStartExport();
  const items = exports.data?.items ?? [];
  const isRunning = items.some((item) => item.status === 'running');
  return (
    <section className="section" aria-labelledby="exports-heading">
      <h2 id="exports-heading">{title}</h2>
      <p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => start.mutate()}
          disabled={start.isPending || isRunning}
          data-testid="export-start"
        >
          {isRunning ? 'Export in progress…' : 'Export my data'}
        </button>
      </p>
      {start.isError && <FormAlert message={describeError(start.error)} />}
      {exports.isPending ? (
        <Loading label="Loading your exports…" />
      ) : exports.isError ? (
        <ErrorState error={exports.error} onRetry={() => void exports.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No exports yet">
          <p>Start one above. You will get an email when it is ready.</p>
        </EmptyState>
      ) : (
        <ul className="card-list" data-testid="export-list">
          {items.map((item) => (
            <ExportItem key={item.id} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ExportItem({ item }: { item: DataExport }) {
  const percent = item.total === 0 ? 0 : Math.round((item.done / item.total) * 100);
  return (
    <li className="card" data-testid="export-item" data-status={item.status}>
      <p className="export-title">
        Export of <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
      </p>
      {item.status === 'running' && (
        <div className="export-progress">
          <label htmlFor={`progress-${item.id}`}>{PHASE_LABELS[item.phase]}</label>
          <progress id={`progress-${item.id}`} max={100} value={percent} data-testid="export-progress">
            {percent}%
          </progress>
          <span className="muted small" aria-live="polite">
            {item.total === 0 ? 'Counting…' : `${item.done} of ${item.total} parts (${percent}%)`}
          </span>
        </div>
      )}
      {item.status === 'ready' && (
        <>
          <p>
            <a
              className="button button-primary"
              href={`/v1/me/exports/${encodeURIComponent(item.id)}/download`}
              download
              data-testid="export-download"
            >
              Download ZIP{item.size === undefined ? '' : ` (${formatSize(item.size)})`}
            </a>{' '}
            {item.expiresAt !== undefined && (
              <span className="muted small">
                Available until <time dateTime={item.expiresAt}>{formatDateTime(item.expiresAt)}</time>.
              </span>
            )}
          </p>
          {item.manifestSha256 !== undefined && (
            <p className="small">
              Manifest fingerprint (SHA-256):{' '}
              <code data-testid="export-manifest-sha">{item.manifestSha256}</code>{' '}
              <CopyButton text={item.manifestSha256} label="Copy fingerprint" />
            </p>
          )}
        </>
      )}
      {item.status === 'expired' && <p className="muted">Expired: start a new export to download again.</p>}
      {item.status === 'failed' && (
        <Notice tone="error" role="alert" title="This export failed">
          <p>{item.error ?? 'Try again.'}</p>
        </Notice>
      )}
    </li>
  );
}
