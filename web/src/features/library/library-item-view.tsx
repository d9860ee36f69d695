import { Link } from 'react-router';
import { describeError } from '../../lib/api/problem';
import { ErrorState, FormAlert, Loading, Notice } from '../../lib/ui/status';
import { useCopyChecklist, useLibraryItem, type LibraryHit } from './hooks';

type Props = { workspaceId: string; hit: LibraryHit; canWrite: boolean };

/** One item in full: its text, a checklist's steps to copy, or a template to start from. */
export function LibraryItemView({ workspaceId, hit, canWrite }: Props) {
  const item = useLibraryItem(workspaceId, hit);
  const copy = useCopyChecklist(workspaceId);
  const base = `/w/${encodeURIComponent(workspaceId)}`;

  if (item.isPending) return <Loading label="Opening…" />;
  if (item.isError) return <ErrorState error={item.error} onRetry={() => void item.refetch()} />;
  const { template, steps } = item.data;
  return (
    <article className="library-item" aria-labelledby="library-item-title" data-testid="library-item">
      <h2 id="library-item-title">{item.data.title}</h2>
      <p className="muted">{item.data.summary}</p>
      {item.data.body.split('\n\n').map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
      {steps !== undefined && (
        <>
          <h3>Steps</h3>
          <ol>
            {steps.map((step, index) => (
              <li key={step.id ?? index}>{step.text}</li>
            ))}
          </ol>
          {canWrite && (
            <button
              type="button"
              className="button button-primary"
              disabled={copy.isPending}
              onClick={() => copy.mutate({ source: hit.source, itemId: hit.id })}
            >
              Add to my checklists
            </button>
          )}
          {copy.isSuccess && (
            <Notice tone="success" role="status">
              Added to your checklists below.
            </Notice>
          )}
          <FormAlert message={copy.isError ? describeError(copy.error) : undefined} />
        </>
      )}
      {template !== undefined && (
        <>
          <h3>Starts with</h3>
          <pre className="library-template">{template.text}</pre>
          {template.target === 'incident' ? (
            <Link
              className="button button-primary"
              to={`${base}/incidents/new`}
              state={{ template: { category: template.category, narrative: template.text } }}
            >
              Start an incident from this template
            </Link>
          ) : (
            <Link
              className="button button-primary"
              to={`${base}/communications`}
              state={{ draft: template.text, templateTitle: item.data.title }}
            >
              Start a message draft from this template
            </Link>
          )}
        </>
      )}
    </article>
  );
}
