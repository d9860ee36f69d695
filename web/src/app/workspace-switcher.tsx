import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { WorkspaceSummary } from '../lib/api/types';
import { recallWorkspace } from '../features/workspaces/last-workspace';
import { ROLE_LABELS } from '../features/workspaces/permissions';

type WorkspaceSwitcherProps = {
  workspaces: WorkspaceSummary[];
  currentId: string | undefined;
  userId: string;
};

/** The section of the current URL to keep when switching ("timeline" stays on the timeline). */
function currentSection(pathname: string): string {
  const match = /^\/w\/[^/]+\/(incidents|timeline|audit|members|api-keys)/.exec(pathname);
  return match?.[1] ?? 'incidents';
}

/**
 * A disclosure button listing the person's workspaces as links (not a select that navigates on
 * every arrow key). Escape or a click elsewhere closes it.
 */
export function WorkspaceSwitcher({ workspaces, currentId, userId }: WorkspaceSwitcherProps) {
  const [isOpen, setIsOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  const selectedId = currentId ?? recallWorkspace(userId);
  const current = workspaces.find((workspace) => workspace.id === selectedId);
  const section = currentSection(location.pathname);

  useEffect(() => {
    setIsOpen(false);
  }, [location.pathname]);

  useEffect(() => {
    if (!isOpen) return undefined;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && rootRef.current?.contains(event.target) !== true) setIsOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setIsOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [isOpen]);

  return (
    <div className="switcher" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="switcher-button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setIsOpen((open) => !open)}
        data-testid="workspace-switcher"
      >
        <span className="switcher-caption">Workspace</span>
        <span className="switcher-name">{current?.name ?? 'Choose a workspace'}</span>
        <span aria-hidden="true" className="switcher-caret">
          ▾
        </span>
      </button>
      <div id={panelId} className="switcher-panel" hidden={!isOpen}>
        {workspaces.length > 0 && (
          <ul className="switcher-list" aria-label="Your workspaces">
            {workspaces.map((workspace) => (
              <li key={workspace.id}>
                <Link
                  to={`/w/${encodeURIComponent(workspace.id)}/${section}`}
                  aria-current={workspace.id === current?.id ? 'true' : undefined}
                  data-testid="workspace-option"
                >
                  <span>{workspace.name}</span>
                  <span className="badge">{ROLE_LABELS[workspace.role]}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <ul className="switcher-list switcher-extra">
          <li>
            <Link to="/workspaces">All workspaces and new workspace</Link>
          </li>
          <li>
            <Link to="/invites/accept">Join with an invite code</Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
