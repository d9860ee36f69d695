import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { describeError, isApiError } from '../api/problem';

/** A loading message announced politely to screen readers. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

type EmptyStateProps = { title: string; children?: ReactNode; action?: ReactNode; testId?: string };

/** What a list shows when it has nothing in it, with the next step to take. */
export function EmptyState({ title, children, action, testId }: EmptyStateProps) {
  return (
    <div className="empty-state" data-testid={testId ?? 'empty-state'}>
      <p className="empty-state-title">{title}</p>
      {children !== undefined && <div className="empty-state-body">{children}</div>}
      {action !== undefined && <div className="empty-state-action">{action}</div>}
    </div>
  );
}

type ErrorStateProps = { error: unknown; onRetry?: () => void; title?: string };

/** A failed load: what went wrong, in words, and a retry button. */
export function ErrorState({ error, onRetry, title = 'This could not be loaded' }: ErrorStateProps) {
  return (
    <div className="notice notice-error" role="alert" data-testid="error-state">
      <p className="notice-title">{title}</p>
      <p>{describeError(error)}</p>
      {/* A workspace that requires a second factor sends a person without one to set it up. */}
      {isApiError(error, { code: 'second_factor_enrolment_required' }) && (
        <p>
          <Link to="/account/security" data-testid="enrol-second-factor">
            Set up a second factor
          </Link>
        </p>
      )}
      {onRetry !== undefined && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

type NoticeProps = {
  tone?: 'info' | 'success' | 'warning' | 'error';
  title?: ReactNode;
  children?: ReactNode;
  role?: 'status' | 'alert';
  testId?: string;
};

/** A boxed message: information, success, a warning or an error. */
export function Notice({ tone = 'info', title, children, role, testId }: NoticeProps) {
  return (
    <div className={`notice notice-${tone}`} role={role} data-testid={testId}>
      {title !== undefined && <p className="notice-title">{title}</p>}
      {children}
    </div>
  );
}

/** A form-level error (an API problem that names no field), announced as an alert. */
export function FormAlert({
  message,
  testId = 'form-error',
}: {
  message: string | undefined;
  testId?: string;
}) {
  if (message === undefined) return null;
  return (
    <div className="notice notice-error" role="alert" data-testid={testId}>
      <p>{message}</p>
    </div>
  );
}

type PagedQuery = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
};

/** The button under a paged list that fetches its next page; nothing once the last page is in. */
export function LoadMore({ query, label, testId }: { query: PagedQuery; label: string; testId: string }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="load-more">
      <button
        type="button"
        className="button"
        onClick={() => void query.fetchNextPage()}
        disabled={query.isFetchingNextPage}
        data-testid={testId}
      >
        {query.isFetchingNextPage ? 'Loading…' : label}
      </button>
    </div>
  );
}
