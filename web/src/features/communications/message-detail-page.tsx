import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { toFormErrors } from '../../lib/api/problem';
import { formatDateTime } from '../../lib/dates';
import { TextAreaField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useMembers } from '../members/hooks';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { useAddNote, useCommunication, type Communication } from './hooks';
import { CHANNEL_LABELS, DIRECTION_LABELS } from './labels';

/** One logged message as it was recorded, its notes, the incidents it relates to, and adding a note. */
export function MessageDetailPage() {
  const { workspaceId, can } = useCurrentWorkspace();
  const { communicationId = '' } = useParams();
  const query = useCommunication(workspaceId, communicationId);
  const message = query.data;
  const base = `/w/${encodeURIComponent(workspaceId)}`;

  return (
    <>
      <PageHeader
        title={message === undefined ? 'Message' : `${DIRECTION_LABELS[message.direction]} message`}
        documentTitle="Message"
        description={message === undefined ? undefined : formatDateTime(message.occurredAt, message.timeZone)}
      />
      <p>
        <Link to={`${base}/communications`}>← All messages</Link>
      </p>
      {query.isPending ? (
        <Loading label="Loading the message…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <MessageDetail
          message={query.data}
          workspaceId={workspaceId}
          base={base}
          canWrite={can('incidents:write')}
        />
      )}
    </>
  );
}

type MessageDetailProps = { message: Communication; workspaceId: string; base: string; canWrite: boolean };

function MessageDetail({ message, workspaceId, base, canWrite }: MessageDetailProps) {
  const members = useMembers(workspaceId);
  const nameOf = (userId: string) => {
    const member = members.data?.items.find((candidate) => candidate.userId === userId);
    return member === undefined ? 'a member' : member.displayName !== '' ? member.displayName : member.email;
  };
  return (
    <>
      <section aria-labelledby="message-heading" className="card" data-testid="message-detail">
        <h2 id="message-heading">{message.subject === '' ? 'The message' : message.subject}</h2>
        <dl className="meta-list">
          <dt>Channel</dt>
          <dd>{CHANNEL_LABELS[message.channel]}</dd>
          <dt>{message.direction === 'received' ? 'From' : 'To'}</dt>
          <dd>{message.counterpart}</dd>
          <dt>When</dt>
          <dd>
            <time dateTime={message.occurredAt}>{formatDateTime(message.occurredAt, message.timeZone)}</time>{' '}
            ({message.timeZone})
          </dd>
          <dt>Logged</dt>
          <dd>
            {formatDateTime(message.createdAt)} by {nameOf(message.createdBy)}
          </dd>
        </dl>
        <p className="preserve-lines" data-testid="message-content">
          {message.content}
        </p>
        {message.direction === 'received' && (
          <p className="hint">
            A received message is kept exactly as it arrived. Add a note to correct or explain it.
          </p>
        )}
      </section>
      {message.importedFrom !== undefined && (
        <ImportedOriginal
          importedFrom={message.importedFrom}
          originalDocumentId={message.originalDocumentId}
          workspaceId={workspaceId}
          base={base}
        />
      )}
      {message.linkedIncidentIds.length > 0 && (
        <section aria-labelledby="linked-heading">
          <h2 id="linked-heading">Related incidents</h2>
          <ul>
            {message.linkedIncidentIds.map((id, index) => (
              <li key={id}>
                <Link to={`${base}/incidents/${encodeURIComponent(id)}`}>Incident {index + 1}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">Notes</h2>
        {message.notes.length === 0 ? (
          <p>No notes yet.</p>
        ) : (
          <ul className="card-list" data-testid="message-notes">
            {message.notes.map((note) => (
              <li key={`${note.at}-${note.by}`} className="card">
                <p className="preserve-lines">{note.text}</p>
                <p className="hint">
                  {formatDateTime(note.at)} · {nameOf(note.by)}
                </p>
              </li>
            ))}
          </ul>
        )}
        {canWrite && <AddNoteForm workspaceId={workspaceId} communicationId={message.id} />}
      </section>
    </>
  );
}

function AddNoteForm({ workspaceId, communicationId }: { workspaceId: string; communicationId: string }) {
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const add = useAddNote(workspaceId, communicationId);
  const errors = add.error === null ? undefined : toFormErrors(add.error, ['text'] as const);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      setStatus('Write the note first.');
      return;
    }
    add.mutate(text, {
      onSuccess: () => {
        setText('');
        setStatus('Note added.');
      },
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate data-testid="add-note-form">
      <FormAlert message={errors?.form} />
      <TextAreaField
        label="Add a note"
        hint="A correction or remark, kept beside the message with your name and the time."
        value={text}
        maxLength={5000}
        rows={3}
        onChange={(event) => setText(event.target.value)}
        error={errors?.fields.text}
      />
      <button type="submit" className="button" disabled={add.isPending}>
        {add.isPending ? 'Saving…' : 'Add note'}
      </button>
      <p className="status-line" role="status">
        {status}
      </p>
    </form>
  );
}

type ImportedOriginalProps = {
  importedFrom: NonNullable<Communication['importedFrom']>;
  originalDocumentId: string | undefined;
  workspaceId: string;
  base: string;
};

/**
 * Where an imported message came from: the export kept in the vault (to download and check against
 * the fingerprint shown) and the message's own fingerprint. Older imports kept no copy.
 */
function ImportedOriginal({ importedFrom, originalDocumentId, workspaceId, base }: ImportedOriginalProps) {
  const documentPath = (id: string) =>
    `/v1/workspaces/${encodeURIComponent(workspaceId)}/documents/${encodeURIComponent(id)}`;
  return (
    <section aria-labelledby="original-heading" data-testid="message-original">
      <h2 id="original-heading">Imported from an export</h2>
      <dl className="meta-list">
        <dt>Export fingerprint (SHA-256)</dt>
        <dd>
          <code className="fingerprint" data-testid="message-original-fingerprint">
            {importedFrom.threadSha256}
          </code>
        </dd>
        <dt>This message’s fingerprint</dt>
        <dd>
          <code className="fingerprint">{importedFrom.sha256}</code>
        </dd>
      </dl>
      {originalDocumentId === undefined ? (
        <p className="hint">This message was imported before Holdfast kept a copy of the export.</p>
      ) : (
        <p>
          <a
            href={`${documentPath(originalDocumentId)}/content`}
            className="button"
            download
            data-testid="message-original-download"
          >
            Download the original export
          </a>{' '}
          <Link to={`${base}/documents/${encodeURIComponent(originalDocumentId)}`}>Open it in documents</Link>
        </p>
      )}
    </section>
  );
}
