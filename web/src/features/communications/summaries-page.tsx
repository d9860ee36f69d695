import { useState, type FormEvent } from 'react';
import { describeError, isApiError } from '../../lib/api/problem';
import {
  addDays,
  formatDateTime,
  getBrowserTimeZone,
  getEndOfDay,
  getStartOfDay,
  getToday,
} from '../../lib/dates';
import { ConfirmButton } from '../../lib/ui/confirm-button';
import { TextField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, LoadMore, Loading, Notice } from '../../lib/ui/status';
import { useMembers } from '../members/hooks';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { AiOffNotice, AiUsageLine, isAiNotConfigured, SummariesAiOffNotice } from './ai-status';
import { CitationLinks, numberCitations } from './citations';
import { SummaryEditor } from './summary-editor';
import { useAiUsage, useDeleteSummary, useSuggestSummary, useSummaries, type Summary } from './summary-hooks';

/** Summaries of a period: suggested with AI from the records, each sentence citing them; saved by a person. */
export function SummariesPage() {
  const { workspaceId, can } = useCurrentWorkspace();
  const base = `/w/${encodeURIComponent(workspaceId)}`;
  const usage = useAiUsage(workspaceId);
  const list = useSummaries(workspaceId);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const canWrite = can('incidents:write');
  const isAiOff = usage.data?.isConfigured === false;
  const [status, setStatus] = useState('');

  return (
    <>
      <PageHeader
        title="Summaries"
        description="A neutral summary of a period of your incidents and messages, for your lawyer. Every sentence links to the records it rests on; nothing is saved until you review it."
      />
      {isAiOff ? (
        <SummariesAiOffNotice base={base} />
      ) : (
        usage.data !== undefined && <AiUsageLine usage={usage.data} />
      )}
      {canWrite && !isAiOff && (
        <SuggestSection workspaceId={workspaceId} base={base} onSaved={() => setStatus('Summary saved.')} />
      )}
      <p className="status-line" role="status">
        {status}
      </p>
      <section aria-labelledby="saved-heading">
        <h2 id="saved-heading">Saved summaries</h2>
        {list.isPending ? (
          <Loading label="Loading summaries…" />
        ) : list.isError && !list.isFetchNextPageError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title="No saved summaries yet" testId="summaries-empty">
            <p>{emptyHint(isAiOff, canWrite)}</p>
          </EmptyState>
        ) : (
          <>
            <ul className="card-list" data-testid="summaries-list">
              {items.map((summary) => (
                <SavedSummary
                  key={summary.id}
                  summary={summary}
                  workspaceId={workspaceId}
                  base={base}
                  canWrite={canWrite}
                />
              ))}
            </ul>
            <LoadMore query={list} label="Show older summaries" testId="summaries-more" />
          </>
        )}
      </section>
    </>
  );
}

/** What the empty list says to do first: only point at the period form when it is there. */
function emptyHint(isAiOff: boolean, canWrite: boolean): string {
  if (isAiOff) return 'None can be suggested on this server without an AI provider.';
  if (!canWrite) return 'A member who can write records suggests a summary and saves it here.';
  return 'Choose a period above, review the suggestion, and save it.';
}

function SuggestSection({
  workspaceId,
  base,
  onSaved,
}: {
  workspaceId: string;
  base: string;
  onSaved: () => void;
}) {
  const timeZone = getBrowserTimeZone();
  const today = getToday(timeZone);
  const [from, setFrom] = useState(() => `${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [formError, setFormError] = useState<string | undefined>();
  const suggest = useSuggestSummary(workspaceId);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const start = getStartOfDay(from, timeZone);
    const end = getEndOfDay(to, timeZone);
    if (start === undefined || end === undefined || from > to) {
      setFormError('Choose a first day on or before the last day.');
      return;
    }
    setFormError(undefined);
    suggest.mutate({ from: start, to: end });
  };

  return (
    <section aria-labelledby="suggest-heading" className="card" data-testid="summary-form">
      <h2 id="suggest-heading">Summarise a period</h2>
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={formError} />
        <TextField
          label="First day"
          type="date"
          value={from}
          max={today}
          onChange={(e) => setFrom(e.target.value)}
        />
        <TextField
          label="Last day"
          type="date"
          value={to}
          max={addDays(today, 1)}
          onChange={(e) => setTo(e.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={suggest.isPending}>
          {suggest.isPending ? 'Summarising…' : 'Suggest a summary'}
        </button>
      </form>
      {isAiNotConfigured(suggest.error) ? (
        <AiOffNotice action="Summarising" />
      ) : suggest.isError ? (
        <Notice tone="error" role="alert" testId="summary-error">
          <p>{describeError(suggest.error)}</p>
          {isApiError(suggest.error, { code: 'ai_quota_exceeded' }) && (
            <p>You can still log incidents and messages and make the court report.</p>
          )}
        </Notice>
      ) : null}
      {suggest.data !== undefined && (
        <SummaryEditor
          // A new suggestion starts a fresh review.
          key={`${suggest.data.from}-${suggest.submittedAt}`}
          workspaceId={workspaceId}
          base={base}
          suggestion={suggest.data}
          onSaved={() => {
            suggest.reset();
            onSaved();
          }}
        />
      )}
    </section>
  );
}

type SavedSummaryProps = { summary: Summary; workspaceId: string; base: string; canWrite: boolean };

function SavedSummary({ summary, workspaceId, base, canWrite }: SavedSummaryProps) {
  const members = useMembers(workspaceId);
  const remove = useDeleteSummary(workspaceId);
  const reviewer = members.data?.items.find((member) => member.userId === summary.reviewedBy);
  const reviewerName =
    reviewer === undefined ? 'a member' : reviewer.displayName !== '' ? reviewer.displayName : reviewer.email;
  const names = numberCitations(summary.sentences);
  const title = `${formatDateTime(summary.from)} – ${formatDateTime(summary.to)}`;
  return (
    <li className="card" data-testid="saved-summary">
      <h3>{title}</h3>
      <p className="hint" data-testid="summary-provenance">
        AI-assisted, reviewed by {reviewerName} on {formatDateTime(summary.createdAt)} · prompt{' '}
        {summary.promptVersion} · {summary.aiProvider} {summary.model}
      </p>
      <ol>
        {summary.sentences.map((sentence, index) => (
          <li key={index}>
            {sentence.text}
            <CitationLinks citations={sentence.citations} names={names} base={base} />
          </li>
        ))}
      </ol>
      {canWrite && (
        <ConfirmButton
          label="Delete"
          question={`Delete the summary of ${title}?`}
          confirmLabel="Yes, delete"
          onConfirm={() => remove.mutate(summary.id)}
          isPending={remove.isPending}
          accessibleLabel={`Delete the summary of ${title}`}
        />
      )}
      <FormAlert message={remove.isError ? describeError(remove.error) : undefined} />
    </li>
  );
}
