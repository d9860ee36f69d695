import { Link } from 'react-router';
import { describeError } from '../../lib/api/problem';
import type { ProfessionalRead } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, LoadMore, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { useProfessionalReads } from './hooks';

/** Names for the kinds the API logs (the path segment after the workspace); others are shown as they come. */
const TARGET_LABELS: Record<string, string> = {
  workspace: 'The workspace’s name and settings',
  billing: 'The workspace’s plan',
  incidents: 'Incidents',
  timeline: 'Timeline',
  communications: 'Communications',
  documents: 'Documents',
  wellbeing: 'Wellbeing records',
  // An organisation reading what the person shared in answer to its request (the id is the request's).
  'credentials-shared-with-organisation': 'Credentials shared with an organisation',
};

/** Words for what a read was about: a list, one record, or the workspace itself. */
function describeTarget(target: ProfessionalRead['target']): string {
  const kind = target.type.replace(/-/g, ' ');
  const label = TARGET_LABELS[target.type] ?? `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
  if (target.type === 'workspace' || target.type === 'billing') return label;
  return target.id === 'list' ? `${label}: the list` : `${label}: one record`;
}

/** The person's access log: every record a professional they invited opened, who, what and when. */
export function ProfessionalReadsPage() {
  const { workspaceId } = useCurrentWorkspace();
  const reads = useProfessionalReads(workspaceId);
  const entries = reads.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="What professionals read"
        description="Every list and record a professional you invited opened, newest first."
        actions={
          <Link className="button" to=".." relative="path">
            Professionals
          </Link>
        }
      />
      {reads.isPending ? (
        <Loading label="Loading the log…" />
      ) : reads.isError && !reads.isFetchNextPageError ? (
        <ErrorState error={reads.error} onRetry={() => void reads.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState
          title="No professional has read anything you shared yet"
          testId="professional-reads-empty"
        >
          <p>When one opens a list or a record, it shows here with who and when.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="professional-reads">
            <caption className="visually-hidden">Reads by professionals, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Record</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, index) => (
                <tr key={`${entry.at}-${index}`} data-testid="professional-read">
                  <td data-label="When">
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </td>
                  <td data-label="Who">{entry.actor.label}</td>
                  <td data-label="What">{describeTarget(entry.target)}</td>
                  <td data-label="Record">
                    <code className="small">{entry.target.id === 'list' ? '—' : entry.target.id}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={reads} label="Load older reads" testId="professional-reads-more" />
      {reads.isFetchNextPageError && <FormAlert message={describeError(reads.error)} />}
    </>
  );
}
