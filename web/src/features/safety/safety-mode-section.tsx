import { useState } from 'react';
import { describeError } from '../../lib/api/problem';
import { FormAlert, Notice } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { useSetSafetyMode } from './hooks';

/** The placeholder the API puts where a place is withheld, shown so people know what others will see. */
const WITHHELD = 'withheld (safety mode)';

/**
 * Safety mode, for someone leaving an abusive relationship: what it hides, from whom, and the
 * switch. Only those who manage the workspace change it (the API enforces that too).
 */
export function SafetyModeSection() {
  const { workspace, workspaceId, can } = useCurrentWorkspace();
  const setSafetyMode = useSetSafetyMode(workspaceId);
  const [status, setStatus] = useState('');
  const isOn = workspace.safetyMode;
  const canChange = can('workspace:manage');

  const onToggle = () => {
    setStatus('');
    setSafetyMode.mutate(!isOn, {
      onSuccess: (next) =>
        setStatus(next.safetyMode ? 'Safety mode is on.' : 'Safety mode is off: places show again.'),
    });
  };

  return (
    <section className="section" aria-labelledby="safety-mode-heading">
      <h2 id="safety-mode-heading">Safety mode</h2>
      <p>
        For when the other parent, or anyone reading your records, must not learn where you are or where
        things happened. With safety mode on:
      </p>
      <ul>
        <li>
          Addresses and locations (an incident’s location, and every field that holds a place) show as “
          {WITHHELD}” to everyone but the workspace’s owners: members, viewers and the professionals you
          invited.
        </li>
        <li>
          Exports, court reports and emails leave them out too — your own export and court report included, so
          a copy you hand over cannot give a place away.
        </li>
        <li>
          A <strong>Quick exit</strong> button appears at the top of every page: one press replaces this site
          with a weather page and clears what the app held in this tab.
        </li>
      </ul>
      <p className="muted small">
        Nothing is deleted: owners still see the places, and turning safety mode off shows them to everyone
        again.
      </p>
      {isOn && (
        <Notice tone="info" testId="safety-mode-on">
          Safety mode is on. Places are withheld from everyone but owners, and from exports, court reports and
          email.
        </Notice>
      )}
      <FormAlert message={setSafetyMode.isError ? describeError(setSafetyMode.error) : undefined} />
      {canChange ? (
        <div className="form-actions">
          <button
            type="button"
            role="switch"
            aria-checked={isOn}
            className={isOn ? 'button' : 'button button-primary'}
            onClick={onToggle}
            disabled={setSafetyMode.isPending}
            data-testid="safety-mode-switch"
          >
            {setSafetyMode.isPending ? 'Saving…' : isOn ? 'Turn safety mode off' : 'Turn safety mode on'}
          </button>
        </div>
      ) : (
        <p>
          Safety mode is <strong>{isOn ? 'on' : 'off'}</strong>. Only the workspace’s owners and admins change
          it.
        </p>
      )}
      <p className="status-line" role="status" data-testid="safety-mode-status">
        {status}
      </p>
    </section>
  );
}
