import type { ChecklistEntry } from './organisation-hooks';

type CheckStatus = ChecklistEntry['status'];

/** Each status in words and with a mark of its own, so it never rests on colour alone. */
const STATUS: Record<CheckStatus, { label: string; mark: string }> = {
  complete: { label: 'Complete', mark: '✓' },
  expiring: { label: 'Expiring soon', mark: '!' },
  missing: { label: 'Missing', mark: '✗' },
};

/** A checklist status as a badge: its mark (hidden from screen readers, which read the word) and its word. */
export function CheckStatusBadge({ status, testId }: { status: CheckStatus; testId?: string }) {
  const { label, mark } = STATUS[status];
  return (
    <span className={`badge check-${status}`} data-testid={testId} data-status={status}>
      <span aria-hidden="true" className="check-mark">
        {mark}
      </span>{' '}
      {label}
    </span>
  );
}
