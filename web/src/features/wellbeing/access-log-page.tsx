import { describeError } from '../../lib/api/problem';
import { formatDateTime } from '../../lib/dates';
import { useDocumentTitle } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, LoadMore, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { useAccessLog } from './hooks';

/** "Who opened my wellbeing data": every read and change of the caller's records, newest first. */
export function AccessLogPage() {
  useDocumentTitle('Wellbeing access log');
  const { workspaceId } = useCurrentWorkspace();
  const log = useAccessLog(workspaceId);
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="section" aria-labelledby="access-heading">
      <h2 id="access-heading">Who opened my wellbeing data</h2>
      {log.isPending ? (
        <Loading />
      ) : log.isError && !log.isFetchNextPageError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState title="Nobody has opened your wellbeing data yet" />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="access-log">
            <caption className="visually-hidden">
              Reads and changes of your wellbeing records, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Records</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, index) => (
                <tr key={`${entry.at}-${index}`} data-testid="access-log-entry">
                  <td data-label="When">
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </td>
                  <td data-label="Who">{entry.actor.label}</td>
                  <td data-label="What">{entry.action.replace(/^wellbeing\./, '').replace(/[.-]/g, ' ')}</td>
                  <td data-label="Records">{entry.recordIds.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={log} label="Load older entries" testId="load-more" />
      {log.isFetchNextPageError && <FormAlert message={describeError(log.error)} />}
    </section>
  );
}
