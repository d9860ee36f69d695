import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../lib/api/problem';
import { FormAlert } from '../../lib/ui/status';
import { useAttach, useAttachments, useDetach, useDocumentList } from './hooks';
import { formatSize } from './upload';

type AttachmentsSectionProps = {
  workspaceId: string;
  recordType: 'incident';
  recordId: string;
  canWrite: boolean;
};

/** The documents attached to a record, with a picker to attach one more. Works for any record type. */
export function AttachmentsSection({ workspaceId, recordType, recordId, canWrite }: AttachmentsSectionProps) {
  const attachments = useAttachments(workspaceId, recordType, recordId);
  const documents = useDocumentList(workspaceId, {});
  const attach = useAttach(workspaceId, recordType, recordId);
  const detach = useDetach(workspaceId, recordType, recordId);
  const [choice, setChoice] = useState('');
  const attachedIds = new Set(attachments.data?.items.map((a) => a.document.id));
  const candidates = (documents.data?.pages.flatMap((page) => page.items) ?? []).filter(
    (document) => !attachedIds.has(document.id),
  );
  const base = `/w/${encodeURIComponent(workspaceId)}/documents`;

  return (
    <section className="section" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">Attachments</h2>
      {attachments.data?.items.length === 0 && <p className="muted">No documents attached.</p>}
      <ul className="card-list" data-testid="attachment-list">
        {attachments.data?.items.map((attachment) => (
          <li key={attachment.document.id} className="card" data-testid="attachment-row">
            <Link to={`${base}/${encodeURIComponent(attachment.document.id)}`}>
              {attachment.document.title}
            </Link>
            <span className="muted small"> · {formatSize(attachment.document.size)}</span>
            {canWrite && (
              <button
                type="button"
                className="button button-danger-quiet"
                onClick={() => detach.mutate(attachment.document.id)}
                data-testid="attachment-detach"
              >
                Detach
              </button>
            )}
          </li>
        ))}
      </ul>
      {canWrite && candidates.length > 0 && (
        <form
          className="filters-inline"
          onSubmit={(event) => {
            event.preventDefault();
            if (choice !== '') attach.mutate(choice, { onSuccess: () => setChoice('') });
          }}
        >
          <label>
            Document
            <select
              value={choice}
              onChange={(event) => setChoice(event.target.value)}
              data-testid="attach-document"
            >
              <option value="">Choose a document…</option>
              {candidates.map((document) => (
                <option key={document.id} value={document.id}>
                  {document.title}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button" disabled={attach.isPending} data-testid="attach-submit">
            Attach
          </button>
        </form>
      )}
      <FormAlert
        message={
          attach.isError
            ? describeError(attach.error)
            : detach.isError
              ? describeError(detach.error)
              : undefined
        }
      />
    </section>
  );
}
