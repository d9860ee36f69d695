import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDay, formatTimeOfDay, getBrowserTimeZone, isIsoDate } from '../../lib/dates';
import type { Incident, TimelineDay, TimelineQuery } from '../../lib/api/types';
import { SelectField, TextField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, Loading, Notice } from '../../lib/ui/status';
import type { Communication } from '../communications/hooks';
import { CHANNEL_LABELS, DIRECTION_LABELS } from '../communications/labels';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { CATEGORY_LABELS } from './categories';
import { checkDateRange, toInstantRange } from './filters';
import { useTimeline } from './hooks';
import { CategoryBadge, summarize } from './incident-parts';

/** Incidents and messages grouped by the day they happened (in each record's own time zone), newest day first. */
export function TimelinePage() {
  const { workspaceId } = useCurrentWorkspace();
  const [searchParams, setSearchParams] = useSearchParams();
  const from = isIsoDate(searchParams.get('from') ?? '') ? (searchParams.get('from') ?? '') : '';
  const to = isIsoDate(searchParams.get('to') ?? '') ? (searchParams.get('to') ?? '') : '';
  const timeZone = getBrowserTimeZone();
  const kind = parseKind(searchParams.get('kind'));
  const query = useMemo(
    () => ({ ...toInstantRange(from, to, timeZone), ...(kind === undefined ? {} : { kind }) }),
    [from, to, timeZone, kind],
  );
  const timeline = useTimeline(workspaceId, query);
  const base = `/w/${encodeURIComponent(workspaceId)}/incidents`;
  const messagesBase = `/w/${encodeURIComponent(workspaceId)}/communications`;
  const incidentCount = timeline.data?.days.reduce((sum, day) => sum + day.incidents.length, 0) ?? 0;
  const messageCount = timeline.data?.days.reduce((sum, day) => sum + day.communications.length, 0) ?? 0;

  return (
    <>
      <PageHeader
        title="Timeline"
        description="Incidents and messages on one time axis: each day shows what happened, in order, in the time zone where it happened."
      />
      <RangeForm
        key={`${from}|${to}|${kind ?? ''}`}
        from={from}
        to={to}
        kind={kind}
        timeZone={timeZone}
        onApply={(nextFrom, nextTo, nextKind) => {
          const params = new URLSearchParams();
          if (nextFrom !== '') params.set('from', nextFrom);
          if (nextTo !== '') params.set('to', nextTo);
          if (nextKind !== undefined) params.set('kind', nextKind);
          setSearchParams(params);
        }}
      />
      <p className="status-line" role="status">
        {timeline.isSuccess
          ? `${plural(incidentCount, 'incident')} and ${plural(messageCount, 'message')} on ${plural(timeline.data.days.length, 'day')}.`
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
          <p>Incidents and logged messages appear here grouped by the day they happened.</p>
        </EmptyState>
      ) : (
        <>
          {timeline.data.isTruncated && (
            <Notice tone="info" role="status">
              <p>
                This shows the most recent incidents and messages of the range only. Choose an earlier “To”
                date to see older ones.
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
                    · {plural(day.incidents.length, 'incident')}
                    {day.communications.length > 0 && `, ${plural(day.communications.length, 'message')}`}
                  </span>
                </h2>
                <ol className="timeline-entries">
                  {entriesOf(day).map((entry) =>
                    entry.kind === 'message' ? (
                      <MessageEntry
                        key={entry.message.id}
                        message={entry.message}
                        href={`${messagesBase}/${encodeURIComponent(entry.message.id)}`}
                      />
                    ) : (
                      <IncidentEntry
                        key={entry.incident.id}
                        incident={entry.incident}
                        href={`${base}/${encodeURIComponent(entry.incident.id)}`}
                      />
                    ),
                  )}
                </ol>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

type TimelineKind = NonNullable<TimelineQuery['kind']>;
type Entry = { kind: 'incident'; incident: Incident } | { kind: 'message'; message: Communication };

const KIND_LABELS: Record<TimelineKind, string> = {
  incidents: 'Incidents only',
  communications: 'Messages only',
};

function parseKind(value: string | null): TimelineKind | undefined {
  return value === 'incidents' || value === 'communications' ? value : undefined;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A day's incidents and messages as one list, in the order they happened. */
function entriesOf(day: TimelineDay): Entry[] {
  const entries: Entry[] = [
    ...day.incidents.map((incident): Entry => ({ kind: 'incident', incident })),
    ...day.communications.map((message): Entry => ({ kind: 'message', message })),
  ];
  const at = (entry: Entry) =>
    Date.parse(entry.kind === 'incident' ? entry.incident.occurredAt : entry.message.occurredAt);
  return entries.sort((a, b) => at(a) - at(b));
}

function IncidentEntry({ incident, href }: { incident: Incident; href: string }) {
  const time = formatTimeOfDay(incident.occurredAt, incident.timeZone);
  return (
    <li className="timeline-entry" data-testid="timeline-entry">
      <time dateTime={incident.occurredAt} className="timeline-time">
        {time}
      </time>
      <div className="timeline-body">
        <div className="timeline-head">
          <CategoryBadge category={incident.category} />
          {incident.location !== '' && <span className="muted small">{incident.location}</span>}
        </div>
        <Link
          to={href}
          aria-label={`${CATEGORY_LABELS[incident.category]} at ${time}: ${summarize(incident.narrative, 80)}`}
        >
          {summarize(incident.narrative)}
        </Link>
      </div>
    </li>
  );
}

function MessageEntry({ message, href }: { message: Communication; href: string }) {
  const time = formatTimeOfDay(message.occurredAt, message.timeZone);
  const who = `${DIRECTION_LABELS[message.direction]} ${message.direction === 'received' ? 'from' : 'to'} ${message.counterpart}`;
  return (
    <li className="timeline-entry timeline-message" data-testid="timeline-message">
      <time dateTime={message.occurredAt} className="timeline-time">
        {time}
      </time>
      <div className="timeline-body">
        <div className="timeline-head">
          <span className="badge">{CHANNEL_LABELS[message.channel]}</span>
          <span className="muted small">{who}</span>
        </div>
        <Link to={href} aria-label={`${who} at ${time}: ${summarize(message.content, 80)}`}>
          {message.subject !== '' ? `${message.subject}: ` : ''}
          {summarize(message.content)}
        </Link>
      </div>
    </li>
  );
}

type RangeFormProps = {
  from: string;
  to: string;
  kind: TimelineKind | undefined;
  timeZone: string;
  onApply: (from: string, to: string, kind: TimelineKind | undefined) => void;
};

function RangeForm({ from, to, kind, timeZone, onApply }: RangeFormProps) {
  const [draftFrom, setDraftFrom] = useState(from);
  const [draftTo, setDraftTo] = useState(to);
  const [draftKind, setDraftKind] = useState<TimelineKind | undefined>(kind);
  const [error, setError] = useState<string | undefined>();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = checkDateRange(draftFrom, draftTo);
    setError(problem);
    if (problem === undefined) onApply(draftFrom, draftTo, draftKind);
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
        <SelectField
          label="Show"
          value={draftKind ?? ''}
          onChange={(event) => setDraftKind(parseKind(event.target.value))}
        >
          <option value="">Incidents and messages</option>
          {Object.entries(KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="muted small">
        Leave both empty to see everything. Dates are days in your time zone ({timeZone.replace(/_/g, ' ')}).
      </p>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Show
        </button>
        {(from !== '' || to !== '' || kind !== undefined) && (
          <button type="button" className="button button-quiet" onClick={() => onApply('', '', undefined)}>
            Show everything
          </button>
        )}
      </div>
    </form>
  );
}
