import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { DocumentListQuery, StorageUsage } from '../../lib/api/types';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, Loading, LoadMore, Notice } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_LABELS, type DocumentCategory } from './categories';
import { useDocumentList, useStorageUsage } from './hooks';
import { formatSize } from './upload';
import { Uploader } from './uploader';

/** The vault: upload files, and find documents by title, tag or category. */
export function DocumentsPage() {
  const { workspaceId, can } = useCurrentWorkspace();
  const [query, setQuery] = useState<DocumentListQuery>({});
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<DocumentCategory | ''>('');
  const list = useDocumentList(workspaceId, query);
  const usage = useStorageUsage(workspaceId);
  const documents = list.data?.pages.flatMap((page) => page.items) ?? [];

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setQuery({
      ...(search.trim() === '' ? {} : { q: search.trim() }),
      ...(category === '' ? {} : { category }),
    });
  };

  return (
    <>
      <PageHeader
        title="Documents"
        description={
          usage.data === undefined ? (
            'Every file is stored by its SHA-256 fingerprint and checked each time it is read.'
          ) : (
            <span data-testid="storage-usage">
              {formatSize(usage.data.usedBytes)} of {formatSize(usage.data.quotaBytes)} used (
              {usage.data.planName} plan).
            </span>
          )
        }
      />
      {usage.data !== undefined && usage.data.usedBytes >= usage.data.quotaBytes && (
        <OverQuotaNotice workspaceId={workspaceId} usage={usage.data} />
      )}
      {can('documents:write') && <Uploader workspaceId={workspaceId} />}
      <section className="section" aria-labelledby="documents-heading">
        <h2 id="documents-heading">All documents</h2>
        <form className="filters-inline" onSubmit={onSearch} role="search">
          <label>
            Search
            <input
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder="Title or tag"
              data-testid="document-search"
            />
          </label>
          <label>
            Category
            <select
              value={category}
              onChange={(event) => setCategory(event.target.value as DocumentCategory | '')}
              data-testid="document-category-filter"
            >
              <option value="">Any</option>
              {DOCUMENT_CATEGORIES.map((value) => (
                <option key={value} value={value}>
                  {DOCUMENT_CATEGORY_LABELS[value]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button" data-testid="document-search-submit">
            Search
          </button>
        </form>
        {list.isPending ? (
          <Loading label="Loading documents…" />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : documents.length === 0 ? (
          <EmptyState title="No documents here yet." />
        ) : (
          <ul className="card-list" data-testid="document-list">
            {documents.map((document) => (
              <li key={document.id} className="card" data-testid="document-row">
                <Link
                  to={`/w/${encodeURIComponent(workspaceId)}/documents/${encodeURIComponent(document.id)}`}
                >
                  {document.title}
                </Link>
                <p className="muted small">
                  {DOCUMENT_CATEGORY_LABELS[document.category]} · {document.filename} ·{' '}
                  {formatSize(document.size)}
                  {document.tags.length > 0 && ` · ${document.tags.join(', ')}`}
                </p>
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={list} label="Load more documents" testId="load-more" />
      </section>
    </>
  );
}

/**
 * A workspace at or over its plan's storage quota (after a move to a smaller plan, say): its files
 * stay, and uploads wait until it is under the quota again or on a plan with more.
 */
function OverQuotaNotice({ workspaceId, usage }: { workspaceId: string; usage: StorageUsage }) {
  const isOver = usage.usedBytes > usage.quotaBytes;
  return (
    <Notice
      tone="warning"
      title={`${isOver ? 'Over' : 'At'} the ${formatSize(usage.quotaBytes)} storage quota of the ${usage.planName} plan`}
      role="status"
      testId="storage-over-quota"
    >
      <p>
        Every file is kept and can be opened, downloaded or deleted. New uploads wait until the workspace uses
        less than {formatSize(usage.quotaBytes)}
        {usage.largerPlan === undefined ? (
          '.'
        ) : (
          <>
            {' '}
            or moves to the {usage.largerPlan.name} plan, which allows{' '}
            {formatSize(usage.largerPlan.quotaBytes)}.{' '}
            <Link to={`/w/${encodeURIComponent(workspaceId)}/billing`}>Open the plan page</Link>
          </>
        )}
      </p>
    </Notice>
  );
}
