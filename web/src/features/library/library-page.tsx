import { useState, type FormEvent } from 'react';
import { describeError } from '../../lib/api/problem';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, Loading, Notice } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { ChecklistProgress } from './checklist-progress';
import { useChecklists, useLibrarySearch, type LibraryHit, type LibraryKind } from './hooks';
import { LibraryItemView } from './library-item-view';
import './library.css';

const KIND_LABEL: Record<LibraryKind, string> = {
  article: 'Article',
  template: 'Template',
  checklist: 'Checklist',
};

/** The library: search shipped and workspace items, read one, and tick off copied checklists. */
export function LibraryPage() {
  const { workspaceId, can } = useCurrentWorkspace();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<LibraryKind | undefined>();
  const [chosen, setChosen] = useState<LibraryHit>();
  const search = useLibrarySearch(workspaceId, query, kind);
  const checklists = useChecklists(workspaceId);
  const canWrite = can('library:write');

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setQuery(draft.trim());
    setChosen(undefined);
  };

  return (
    <>
      <PageHeader
        title="Library"
        description="Articles, templates and checklists written for people keeping records: search them, start from a template, tick off a checklist."
      />
      <form className="library-search" role="search" onSubmit={onSearch}>
        <label htmlFor="library-q">Search the library</label>
        <input
          id="library-q"
          type="search"
          value={draft}
          maxLength={200}
          onChange={(event) => setDraft(event.target.value)}
        />
        <label htmlFor="library-kind">Kind</label>
        <select
          id="library-kind"
          value={kind ?? ''}
          onChange={(event) =>
            setKind(event.target.value === '' ? undefined : (event.target.value as LibraryKind))
          }
        >
          <option value="">Everything</option>
          <option value="article">Articles</option>
          <option value="template">Templates</option>
          <option value="checklist">Checklists</option>
        </select>
        <button type="submit" className="button button-primary">
          Search
        </button>
      </form>
      {search.data?.notice !== undefined && (
        <Notice testId="library-search-mode">
          <p>{search.data.notice}</p>
        </Notice>
      )}
      <div className={chosen === undefined ? 'library-layout' : 'library-layout library-layout-open'}>
        <section aria-labelledby="library-results-heading">
          <h2 id="library-results-heading">{query === '' ? 'All items' : `Results for “${query}”`}</h2>
          {search.isPending ? (
            <Loading label="Searching the library…" />
          ) : search.isError ? (
            <ErrorState error={search.error} onRetry={() => void search.refetch()} />
          ) : search.data.items.length === 0 ? (
            <EmptyState title="Nothing matched">
              <p>Try fewer or different words, or choose “Everything”.</p>
            </EmptyState>
          ) : (
            <ul className="library-results" data-testid="library-results">
              {search.data.items.map((hit) => (
                <li key={`${hit.source}-${hit.id}`}>
                  <button
                    type="button"
                    className="library-hit"
                    aria-pressed={chosen?.id === hit.id}
                    onClick={() => setChosen(hit)}
                    data-testid="library-hit"
                  >
                    <span className="badge">{KIND_LABEL[hit.kind]}</span> <strong>{hit.title}</strong>
                    {hit.source === 'workspace' && <span className="muted"> (added by your workspace)</span>}
                    <span className="library-hit-summary">{hit.summary}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        {chosen !== undefined && (
          <LibraryItemView workspaceId={workspaceId} hit={chosen} canWrite={canWrite} />
        )}
      </div>
      <section className="section" aria-labelledby="library-checklists-heading">
        <h2 id="library-checklists-heading">Your checklists</h2>
        {checklists.isPending ? (
          <Loading label="Loading your checklists…" />
        ) : checklists.isError ? (
          <ErrorState error={checklists.error} onRetry={() => void checklists.refetch()} />
        ) : checklists.data.items.length === 0 ? (
          <EmptyState title="No checklists yet">
            <p>Open a checklist above and choose “Add to my checklists” to tick it off here.</p>
          </EmptyState>
        ) : (
          checklists.data.items.map((checklist) => (
            <ChecklistProgress
              key={checklist.id}
              workspaceId={workspaceId}
              checklist={checklist}
              canWrite={canWrite}
            />
          ))
        )}
      </section>
      {search.data !== undefined && <p className="muted library-disclaimer">{search.data.disclaimer}</p>}
      <FormAlert message={checklists.isError ? describeError(checklists.error) : undefined} />
    </>
  );
}
