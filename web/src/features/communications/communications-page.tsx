import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { toFormErrors } from '../../lib/api/problem';
import { formatDateTime, fromWallTime, getBrowserTimeZone, toWallTime } from '../../lib/dates';
import { SelectField, TextAreaField, TextField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, LoadMore, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { useCommunications, useLogCommunication, type Communication } from './hooks';
import { CHANNEL_LABELS, DIRECTION_LABELS, isChannel, isDirection } from './labels';
import { useDraftTemplateFromRoute } from './draft-template';
import { RewritePanel } from './rewrite-panel';

/** The communication log: messages with the other parent, logged as they were sent or received. */
export function CommunicationsPage() {
  const { workspaceId, can } = useCurrentWorkspace();
  const list = useCommunications(workspaceId);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const canWrite = can('incidents:write');
  // "Start a message draft from this template" in the library opens this page with the template.
  const draftTemplate = useDraftTemplateFromRoute();

  return (
    <>
      <PageHeader
        title="Communications"
        description="Messages between you and the other parent. Received messages are kept exactly as they arrived."
      />
      {canWrite && (
        <p>
          <Link to={`/w/${encodeURIComponent(workspaceId)}/communications/import`} data-testid="import-link">
            Import a message thread
          </Link>{' '}
          <span className="muted small">from a co-parenting app’s or email export (text or CSV)</span>
        </p>
      )}
      {canWrite && <LogMessageForm workspaceId={workspaceId} />}
      {canWrite && <RewritePanel workspaceId={workspaceId} initialTemplate={draftTemplate} />}
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Logged messages</h2>
        {list.isPending ? (
          <Loading label="Loading messages…" />
        ) : list.isError && !list.isFetchNextPageError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title="No messages logged yet" testId="communications-empty" />
        ) : (
          <>
            <ul className="card-list" data-testid="communications-list">
              {items.map((message) => (
                <MessageItem key={message.id} message={message} workspaceId={workspaceId} />
              ))}
            </ul>
            <LoadMore query={list} label="Show older messages" testId="communications-more" />
          </>
        )}
      </section>
    </>
  );
}

function MessageItem({ message, workspaceId }: { message: Communication; workspaceId: string }) {
  const detailPath = `/w/${encodeURIComponent(workspaceId)}/communications/${encodeURIComponent(message.id)}`;
  return (
    <li className="card" data-testid="communication">
      <p>
        <Link to={detailPath} data-testid="communication-link">
          <strong>{DIRECTION_LABELS[message.direction]}</strong> · {CHANNEL_LABELS[message.channel]} ·{' '}
          {message.counterpart} ·{' '}
          <time dateTime={message.occurredAt}>{formatDateTime(message.occurredAt, message.timeZone)}</time>
        </Link>
      </p>
      {message.subject !== '' && <p className="card-title">{message.subject}</p>}
      <p className="preserve-lines">{message.content}</p>
      {message.notes.length > 0 && (
        <ul aria-label="Notes">
          {message.notes.map((note) => (
            <li key={note.at}>
              Note ({formatDateTime(note.at)}): {note.text}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function LogMessageForm({ workspaceId }: { workspaceId: string }) {
  const timeZone = getBrowserTimeZone();
  const [wallTime, setWallTime] = useState(() => toWallTime(Date.now(), timeZone));
  const [channel, setChannel] = useState<Communication['channel']>('text');
  const [direction, setDirection] = useState<Communication['direction']>('received');
  const [counterpart, setCounterpart] = useState('Other parent');
  const [subject, setSubject] = useState('');
  const [content, setContent] = useState('');
  const [status, setStatus] = useState('');
  const log = useLogCommunication(workspaceId);
  const formErrors =
    log.error === null
      ? { fields: {} as Partial<Record<string, string>>, form: undefined }
      : toFormErrors(log.error, ['occurredAt', 'counterpart', 'subject', 'content'] as const);
  const errors: Partial<Record<string, string>> = formErrors.fields;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const at = fromWallTime(wallTime, timeZone);
    if (!at.ok) {
      setStatus('Enter the date and time the message was sent or received.');
      return;
    }
    log.mutate(
      { occurredAt: at.iso, timeZone, channel, direction, counterpart, subject, content },
      {
        onSuccess: () => {
          setContent('');
          setSubject('');
          setStatus('Message logged.');
        },
      },
    );
  };

  return (
    <section aria-labelledby="log-message-heading" className="card">
      <h2 id="log-message-heading">Log a message</h2>
      <form onSubmit={onSubmit} noValidate data-testid="log-message-form">
        <FormAlert message={formErrors.form} />
        <TextField
          label={`When (${timeZone})`}
          type="datetime-local"
          value={wallTime}
          required
          onChange={(event) => setWallTime(event.target.value)}
          error={errors.occurredAt}
        />
        <SelectField
          label="Direction"
          value={direction}
          onChange={(event) => {
            if (isDirection(event.target.value)) setDirection(event.target.value);
          }}
        >
          {Object.entries(DIRECTION_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Channel"
          value={channel}
          onChange={(event) => {
            if (isChannel(event.target.value)) setChannel(event.target.value);
          }}
        >
          {Object.entries(CHANNEL_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="With"
          value={counterpart}
          maxLength={120}
          required
          onChange={(event) => setCounterpart(event.target.value)}
          error={errors.counterpart}
        />
        <TextField
          label="Subject (optional)"
          value={subject}
          maxLength={300}
          onChange={(event) => setSubject(event.target.value)}
          error={errors.subject}
        />
        <TextAreaField
          label="Message"
          hint="Paste a received message exactly as it arrived."
          value={content}
          maxLength={50_000}
          rows={5}
          required
          onChange={(event) => setContent(event.target.value)}
          error={errors.content}
        />
        <button type="submit" className="button button-primary" disabled={log.isPending}>
          {log.isPending ? 'Saving…' : 'Log message'}
        </button>
        <p className="status-line" role="status">
          {status}
        </p>
      </form>
    </section>
  );
}
