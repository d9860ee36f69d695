import { useState } from 'react';
import { Link } from 'react-router';
import { getBrowserTimeZone } from '../../lib/dates';
import { TextField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { Notice } from '../../lib/ui/status';
import { checkDateRange, toInstantRange } from '../incidents/filters';
import { useExports } from '../privacy/export-hooks';
import { useCurrentWorkspace } from '../workspaces/workspace-context';

/** The address of the PDF report of a date range (days in the reader's time zone). */
export function buildReportUrl(workspaceId: string, from: string, to: string, timeZone: string): string {
  const params = new URLSearchParams(toInstantRange(from, to, timeZone));
  const query = params.toString();
  return `/v1/workspaces/${encodeURIComponent(workspaceId)}/reports/incidents.pdf${query === '' ? '' : `?${query}`}`;
}

/** A court-ready PDF of the incidents of a date range, referring to the person's signed export. */
export function ReportPage() {
  const { workspaceId } = useCurrentWorkspace();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const exports = useExports();
  const latest = exports.data?.items.find((item) => item.status === 'ready');
  const rangeError = checkDateRange(from, to);
  const timeZone = getBrowserTimeZone();

  return (
    <>
      <PageHeader
        title="Court report"
        description="A PDF of the incidents in a date range, oldest first, with every field, attachments listed by their SHA-256 fingerprint, page numbers and the time it was made."
      />
      <div className="card">
        <div className="field-row">
          <TextField
            label="From"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="report-from"
          />
          <TextField
            label="To"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            error={rangeError}
            data-testid="report-to"
          />
        </div>
        <p className="muted small">
          Days are in your time zone ({timeZone}). Leave both empty for all dates.
        </p>
        {latest === undefined ? (
          <Notice tone="info">
            <p>
              The report names the fingerprint of your newest signed export, so a reader can check the records
              against it. You have none yet: <Link to="/account/export">create an export</Link> first if you
              want that link.
            </p>
          </Notice>
        ) : (
          <p className="small">
            It will name your export of {new Date(latest.createdAt).toLocaleString()} (manifest{' '}
            <code>{latest.manifestSha256?.slice(0, 16)}…</code>).
          </p>
        )}
        <div className="form-actions">
          {rangeError === undefined ? (
            <a
              className="button button-primary"
              href={buildReportUrl(workspaceId, from, to, timeZone)}
              download
              data-testid="report-download"
            >
              Download PDF
            </a>
          ) : (
            <button type="button" className="button button-primary" disabled>
              Download PDF
            </button>
          )}
        </div>
      </div>
    </>
  );
}
