type Props = { workspaceId: string; licenseId: string; label: string };

/** The API path of one license's transcript; cookies carry the session, so a plain link downloads it. */
export function transcriptUrl(workspaceId: string, licenseId: string, format: 'csv' | 'pdf'): string {
  return `/v1/workspaces/${encodeURIComponent(workspaceId)}/credentials/licenses/${encodeURIComponent(licenseId)}/transcript.${format}`;
}

/**
 * Downloads of a license's current-cycle transcript, to hand a board or an employer: PDF to read,
 * CSV for a spreadsheet. The accessible names say which license, as a page lists several.
 */
export function TranscriptLinks({ workspaceId, licenseId, label }: Props) {
  return (
    <p className="form-actions" data-testid="transcript-links">
      <a
        className="button"
        href={transcriptUrl(workspaceId, licenseId, 'pdf')}
        download
        aria-label={`Download the ${label} transcript as PDF`}
        data-testid="transcript-pdf"
      >
        Transcript (PDF)
      </a>
      <a
        className="button"
        href={transcriptUrl(workspaceId, licenseId, 'csv')}
        download
        aria-label={`Download the ${label} transcript as CSV`}
        data-testid="transcript-csv"
      >
        Transcript (CSV)
      </a>
    </p>
  );
}
