import type { AccountDeletion } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { Notice } from '../../lib/ui/status';

/** Each workspace and what the deletion does to it, with any legal hold that pauses its purge. */
export function DeletionSummary({ deletion }: { deletion: AccountDeletion }) {
  const held = deletion.workspaces.filter((workspace) => workspace.legalHold !== undefined);
  return (
    <>
      {deletion.workspaces.length > 0 && (
        <ul className="card-list" data-testid="deletion-workspaces">
          {deletion.workspaces.map((workspace) => (
            <li key={workspace.id} className="card">
              <strong>{workspace.name}</strong>:{' '}
              {workspace.outcome === 'workspace'
                ? 'deleted with all its records and files (you are its only owner)'
                : 'stays for its other owners; only your membership is removed'}
            </li>
          ))}
        </ul>
      )}
      {held.map((workspace) => (
        <Notice key={workspace.id} tone="warning" title="Legal hold" testId="legal-hold-notice">
          <p>
            An owner or admin of “{workspace.name}” placed a legal hold on it
            {workspace.legalHold === undefined ? '' : ` on ${formatDateTime(workspace.legalHold.setAt)}`}: “
            {workspace.legalHold?.reason}”. Its records are not purged while the hold stands; the rest of your
            account is.
          </p>
        </Notice>
      ))}
    </>
  );
}
