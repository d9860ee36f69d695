import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { describeError } from '../../lib/api/problem';
import type { VaultDocument } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { CopyButton } from '../../lib/ui/copy-button';
import { PageHeader } from '../../lib/ui/page';
import { ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { DOCUMENT_CATEGORY_LABELS } from './categories';
import { DocumentDetailsForm } from './document-details-form';
import { DocumentPreview } from './document-preview';
import { useDeleteDocument, useDocument } from './hooks';
import { formatSize } from './upload';

/** One document: its preview, its fingerprint (to copy and check), its details and download. */
export function DocumentDetailPage() {
  const { workspaceId } = useCurrentWorkspace();
  const { documentId = '' } = useParams();
  const query = useDocument(workspaceId, documentId);
  return (
    <>
      <PageHeader title={query.data?.title ?? 'Document'} documentTitle="Document" />
      <p>
        <Link to={`/w/${encodeURIComponent(workspaceId)}/documents`}>← All documents</Link>
      </p>
      {query.isPending ? (
        <Loading label="Loading the document…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <DocumentDetail workspaceId={workspaceId} document={query.data} onReload={() => query.refetch()} />
      )}
    </>
  );
}

type DocumentDetailProps = { workspaceId: string; document: VaultDocument; onReload: () => Promise<unknown> };

function DocumentDetail({ workspaceId, document, onReload }: DocumentDetailProps) {
  const { can } = useCurrentWorkspace();
  const [isEditing, setIsEditing] = useState(false);
  const [flash, setFlash] = useState<string | undefined>();
  const remove = useDeleteDocument(workspaceId, document.id);
  const navigate = useNavigate();
  const contentUrl = `/v1/workspaces/${encodeURIComponent(workspaceId)}/documents/${encodeURIComponent(document.id)}/content`;

  const onDelete = () =>
    remove.mutate(undefined, {
      onSuccess: () => void navigate(`/w/${encodeURIComponent(workspaceId)}/documents`),
    });

  return (
    <>
      <section className="card" aria-labelledby="fingerprint-heading" data-testid="document-detail">
        <h2 id="fingerprint-heading" className="section-title">
          Fingerprint (SHA-256)
        </h2>
        <p>
          <code className="fingerprint" data-testid="document-fingerprint">
            {document.sha256}
          </code>
        </p>
        <CopyButton text={document.sha256} label="Copy fingerprint" testId="copy-fingerprint" />
        <p className="muted small">
          Anyone given this file can check it is the same one: its SHA-256 (for example{' '}
          <code>sha256sum {document.filename}</code>) must equal this fingerprint.
        </p>
      </section>
      <section className="section" aria-labelledby="preview-heading">
        <h2 id="preview-heading">Preview</h2>
        <DocumentPreview workspaceId={workspaceId} document={document} />
        <p>
          <a
            href={contentUrl}
            className="button"
            download={document.filename}
            data-testid="document-download"
          >
            Download
          </a>
        </p>
      </section>
      <section className="section" aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <p role="status" className="muted" data-testid="document-flash">
          {flash}
        </p>
        {isEditing ? (
          // No key from the version: saving changes the version, and a remount would drop the
          // mutation's own onSuccess (it does not fire for an unmounted component).
          <DocumentDetailsForm
            workspaceId={workspaceId}
            document={document}
            onReload={onReload}
            onCancel={() => setIsEditing(false)}
            onDone={(message) => {
              setFlash(message);
              setIsEditing(false);
            }}
          />
        ) : (
          <>
            <dl className="detail-list">
              <div>
                <dt>Category</dt>
                <dd>{DOCUMENT_CATEGORY_LABELS[document.category]}</dd>
              </div>
              <div>
                <dt>File</dt>
                <dd>
                  {document.filename} · {document.contentType} · {formatSize(document.size)}
                </dd>
              </div>
              {document.documentDate !== undefined && (
                <div>
                  <dt>Date of the document</dt>
                  <dd>{document.documentDate}</dd>
                </div>
              )}
              <div>
                <dt>Tags</dt>
                <dd>
                  {document.tags.length > 0 ? document.tags.join(', ') : <span className="muted">None</span>}
                </dd>
              </div>
              {document.description !== '' && (
                <div>
                  <dt>Description</dt>
                  <dd>{document.description}</dd>
                </div>
              )}
              <div>
                <dt>Uploaded</dt>
                <dd>{formatDateTime(document.createdAt)}</dd>
              </div>
            </dl>
            {can('documents:write') && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setFlash(undefined);
                  setIsEditing(true);
                }}
                data-testid="document-edit"
              >
                Edit details
              </button>
            )}
          </>
        )}
        <FormAlert message={remove.isError ? describeError(remove.error) : undefined} />
        {can('documents:write') && (
          <button
            type="button"
            className="button button-danger-quiet"
            onClick={onDelete}
            disabled={remove.isPending}
            data-testid="document-delete"
          >
            {remove.isPending ? 'Deleting…' : 'Delete document'}
          </button>
        )}
      </section>
    </>
  );
}
