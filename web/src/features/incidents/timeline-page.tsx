import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDay, formatTimeOfDay, getBrowserTimeZone, isIsoDate } from '../../lib/dates';
import { TextField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, Loading, Notice } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { CATEGORY_LABELS } from './categories';
import { checkDateRange, toInstantRange } from './filters';
import { useTimeline } from './hooks';
import { CategoryBadge, summarize } from './incident-parts';

/** Incidents grouped by the day they happened (in each incident's own time zone), newest day first. */
export function TimelinePage() {
  const { workspaceId } = useCurrentWorkspace();
  const [searchParams, setSearchParams] = useSearchParams();
  const from = isIsoDate(searchParams.get('from') ?? '') ? (searchParams.get('from') ?? '') : '';
  const to = isIsoDate(searchParams.get('to') ?? '') ? (searchParams.get('to') ?? '') : '';
  const timeZone = getBrowserTimeZone();
  const query = useMemo(() => toInstantRange(from, to, timeZone), [from, to, timeZone]);
  const timeline = useTimeline(workspaceId, query);
  const base = `/w/${encodeURIComponent(workspaceId)}/incidents`;
  const total = timeline.data?.days.reduce((sum, day) => sum + day.incidents.length, 0) ?? 0;

  return (
    <>
      <PageHeader
        title="Timeline"
        description="Each day shows what happened, in order, in the time zone where it happened."
      />
      <RangeForm
        key={`${from}|${to}`}
        from={from}
        to={to}
        timeZone={timeZone}
        onApply={(nextFrom, nextTo) => {
          const params = new URLSearchParams();
          if (nextFrom !== '') params.set('from', nextFrom);
          if (nextTo !== '') params.set('to', nextTo);
          setSearchParams(params);
        }}
      />
      <p className="status-line" role="status">
        {timeline.isSuccess
          ? `${total} incident${total === 1 ? '' : 's'} on ${timeline.data.days.length} day${timeline.data.days.length === 1 ? '' : 's'}.`
          : ''}
      </p>
      {timeline.isPending ? (
        <Loading label="Loading the timeline…" />
      ) : timeline.isError ? (
        <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : timeline.data.days.length === 0 ? (
        <EmptyState
          title={from !== '' || to !== '' ? 'Nothing recorded in these dates' : 'Nothing recorded yet'}
          testId="timeline-empty"
        >
          <p>Incidents appear here grouped by the day they happened.</p>
        </EmptyState>
      ) : (
        <>
          {timeline.data.isTruncated && (
            <Notice tone="info" role="status">
              <p>
                This shows the most recent incidents of the range only. Choose an earlier “To” date to see
                older ones.
              </p>
            </Notice>
          )}
          <ol className="timeline" data-testid="timeline">
            {timeline.data.days.map((day) => (
              <li key={day.date} className="timeline-day" data-testid="timeline-day">
                <h2 className="timeline-date">
                  <time dateTime={day.date}>{formatDay(day.date)}</time>
                  <span className="muted small">
                    {' '}
                    · {day.incidents.length} incident{day.incidents.length === 1 ? '' : 's'}
                  </span>
                </h2>
                <ol className="timeline-entries">
                  {day.incidents.map((incident) => (
                    <li key={incident.id} className="timeline-entry" data-testid="timeline-entry">
                      <time dateTime={incident.occurredAt} className="timeline-time">
                        {formatTimeOfDay(incident.occurredAt, incident.timeZone)}
                      </time>
                      <div className="timeline-body">
                        <div className="timeline-head">
                          <CategoryBadge category={incident.category} />
                          {incident.location !== '' && (
                            <span className="muted small">{incident.location}</span>
                          )}
                        </div>
                        <Link
                          to={`${base}/${encodeURIComponent(incident.id)}`}
                          aria-label={`${CATEGORY_LABELS[incident.category]} at ${formatTimeOfDay(incident.occurredAt, incident.timeZone)}: ${summarize(incident.narrative, 80)}`}
                        >
                          {summarize(incident.narrative)}
                        </Link>
                      </div>
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

type RangeFormProps = {
  from: string;
  to: string;
  timeZone: string;
  onApply: (from: string, to: string) => void;
};

function RangeForm({ from, to, timeZone, onApply }: RangeFormProps) {
  const [draftFrom, setDraftFrom] = useState(from);
  const [draftTo, setDraftTo] = useState(to);
  const [error, setError] = useState<string | undefined>();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = checkDateRange(draftFrom, draftTo);
    setError(problem);
    if (problem === undefined) onApply(draftFrom, draftTo);
  };

  return (
    <form
      className="form card range-form"
      onSubmit={onSubmit}
      noValidate
      role="search"
      aria-label="Timeline dates"
    >
      <div className="filters-grid">
        <TextField
          label="From"
          type="date"
          value={draftFrom}
          onChange={(event) => setDraftFrom(event.target.value)}
          error={error}
        />
        <TextField
          label="To"
          type="date"
          value={draftTo}
          onChange={(event) => setDraftTo(event.target.value)}
        />
      </div>
      <p className="muted small">
        Leave both empty to see everything. Dates are days in your time zone ({timeZone.replace(/_/g, ' ')}).
      </p>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Show
        </button>
        {(from !== '' || to !== '') && (
          <button type="button" className="button button-quiet" onClick={() => onApply('', '')}>
            Show everything
          </button>
        )}
      </div>
    </form>
  );
}
